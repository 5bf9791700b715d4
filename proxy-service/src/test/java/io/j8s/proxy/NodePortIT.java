package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Service;
import io.j8s.common.client.PatchType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** A Service of type NodePort also answers on its own port, from the moment it exists until it is gone. */
class NodePortIT extends ProxyTestBase {

    @Test
    void aNodePortServiceGetsAListenerOnItsAllocatedPortUntilItIsDeleted() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            Service created = createService(ns, "shop", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}");
            int nodePort = created.spec().ports().get(0).nodePort();
            assertThat(nodePort).isBetween(30000, 32767);
            setEndpoints(ns, "shop", ports(a, b), List.of());
            ProxyClient atNodePort = http.port(nodePort);
            await("node port " + nodePort + " serves shop", TIMEOUT, () -> listening(nodePort)
                && atNodePort.get(null, "/").status() == 200);

            Set<String> landed = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                ProxyClient.Reply reply = atNodePort.get("whatever.example", "/");
                assertThat(reply.status()).isEqualTo(200);
                landed.add(reply.body());
            }
            assertThat(landed).as("any Host, round robin").containsExactlyInAnyOrder("a", "b");
            assertThat(http.get("shop." + ns, "/").status()).as("and by name on the service port").isEqualTo(200);

            api.delete(Resources.SERVICES, ns, "shop", null).block(TIMEOUT);
            await("node port " + nodePort + " is closed", Duration.ofSeconds(5), () -> !listening(nodePort));
        }
    }

    @Test
    void changingTheTypeAwayFromNodePortClosesTheListener() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a")) {
            Service created = createService(ns, "admin", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}");
            int nodePort = created.spec().ports().get(0).nodePort();
            setEndpoints(ns, "admin", ports(a), List.of());
            await("node port open", TIMEOUT, () -> listening(nodePort));
            api.patch(Resources.SERVICES, ns, "admin", PatchType.MERGE, "{\"spec\":{\"type\":\"ClusterIP\"}}").block(TIMEOUT);
            await("node port closed", Duration.ofSeconds(5), () -> !listening(nodePort));
            assertThat(http.get("admin." + ns, "/").body()).isEqualTo("a");
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
