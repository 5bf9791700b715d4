package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bridge mode: the pod gets its own IP on a Docker network and is reached on its container port. */
class BridgeModeIT extends AgentInThisJvmTestBase {

    static final String NODE = uniqueNodeName("it-bridge");

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        agentFor(registry, NODE);
        registry.add("j8s.node-agent.network.mode", () -> "bridge");
        registry.add("j8s.node-agent.network.bridge-network", () -> "j8s-it");
    }

    @Override
    protected String nodeName() {
        return NODE;
    }

    @Test
    void aPodGetsItsOwnIpOnTheNetworkAndAnswersOnItsContainerPort() {
        createPod("""
            {"metadata":{"name":"bridged","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"web","image":"%IMAGE%",
                 "command":["sh","-c","mkdir -p /www && echo bridged > /www/index.html && exec httpd -f -p 8080 -h /www"],
                 "ports":[{"containerPort":8080}],
                 "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":1}}]}}
            """);

        Pod pod = awaitPod("bridged", "Running and Ready", p -> running(p) && ready(p));

        String ip = pod.status().podIP();
        assertThat(ip).isNotEqualTo("127.0.0.1").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(pod.metadata().annotationsOrEmpty()).doesNotContainKey("j8s.io/host-ports");
        Await.until("httpd answers on the pod IP", TIMEOUT, () -> {
            try {
                return httpGet("http://" + ip + ":8080/").equals("200 bridged\n");
            } catch (Exception e) {
                return false;
            }
        });
    }
}
