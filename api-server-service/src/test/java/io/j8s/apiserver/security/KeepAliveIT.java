package io.j8s.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.testsupport.ApiServerProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive connection must be read again after every answer. Reactor Netty 1.3.7 stopped reading one when a
 * request it had buffered (pipelined, or sent before the previous exchange had quite ended, which a quick client does
 * after an answer written off the event loop) was answered at once: the next request then waited forever
 * (reactor/reactor-netty#4361; kubectl, the node agent and the tests saw 30-s timeouts).
 */
class KeepAliveIT {

    /** A lost read never ends; an answer takes milliseconds, or seconds on a machine loaded by other builds. */
    private static final int TIMEOUT_MILLIS = 10_000;

    private final ApiServerProcess server = SecureApiServer.get();
    private KeepAliveHammer hammer;
    private KeepAliveHammer.Request nodeGetsMissingPod;
    private KeepAliveHammer.Request nodeListsOtherNodesPods;
    private KeepAliveHammer.Request adminGetsMissingPod;
    private KeepAliveHammer.Request adminListsPods;
    private KeepAliveHammer.Request livez;

    @BeforeEach
    void connect() throws Exception {
        URI url = URI.create(server.url());
        hammer = new KeepAliveHammer(server.sslContext().getSocketFactory(), url.getHost(), url.getPort(),
            TIMEOUT_MILLIS);
        String node = server.addUser("system:node:keep-alive-node", "system:nodes");
        // 403 after reading the pod from etcd: answered off the event loop
        nodeGetsMissingPod = new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods/nope", node);
        // 403 from the Node authorizer and the RBAC cache alone: answered at once, on the event loop
        nodeListsOtherNodesPods = new KeepAliveHammer.Request("GET",
            "/api/v1/pods?fieldSelector=spec.nodeName%3Dother-node", node);
        adminGetsMissingPod = new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods/nope",
            server.adminToken());
        adminListsPods = new KeepAliveHammer.Request("GET", "/api/v1/namespaces/default/pods", server.adminToken());
        livez = new KeepAliveHammer.Request("GET", "/livez", null);
    }

    @Test
    void aConnectionIsReadAgainAfterAPipelinedRequestIsAnsweredAtOnce() throws Exception {
        // The first answer needs etcd, the second is written at once: Reactor Netty 1.3.7 never read this connection
        // again, every time.
        List<List<Integer>> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(hammer.pipelinedThen(List.of(adminGetsMissingPod, livez), livez));
        }
        assertThat(codes).containsOnly(List.of(404, 200, 200));
    }

    @Test
    void everyRequestOfParallelKeptAliveConnectionsIsAnswered() throws Exception {
        // The mix the stall was first caught with (a node's forbidden reads) plus an admin's 404 and 200; each
        // answer written off the event loop is followed by one written at once, the order that lost the read.
        List<KeepAliveHammer.Request> mix = List.of(nodeGetsMissingPod, nodeListsOtherNodesPods, adminGetsMissingPod,
            adminListsPods);
        KeepAliveHammer.Result result = hammer.run(8, 60, mix);
        System.out.println("kept-alive connections: " + result);

        assertThat(result.stalls()).as("requests not answered within " + TIMEOUT_MILLIS + " ms").isEmpty();
        assertThat(result.codes()).containsOnlyKeys(200, 403, 404);
        assertThat(result.codes().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8 * 60);
        assertThat(result.codes()).containsAllEntriesOf(Map.of(403, 240, 404, 120, 200, 120));
    }
}
