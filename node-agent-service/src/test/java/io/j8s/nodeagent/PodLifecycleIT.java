package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The node agent in this JVM running real pods on Docker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodLifecycleIT extends NodeAgentTestBase {

    static final String NODE = uniqueNodeName("it-pods");

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("j8s.node-agent.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.node-agent.node-name", () -> NODE);
        registry.add("j8s.node-agent.lease-renew-interval", () -> "2s");
        registry.add("j8s.node-agent.resync-interval", () -> "2s");
    }

    @Override
    protected String nodeName() {
        return NODE;
    }

    @Autowired
    NodeAgent agent;

    /** Stops the agent first, so it does not recreate what is being removed. */
    @AfterAll
    void removeContainers() {
        agent.destroy();
        removeContainersOf(NODE);
    }

    @Test
    void aPodWhoseHttpdServesItsOwnNameAnswersOnItsPublishedPort() throws Exception {
        createPod("""
            {"metadata":{"name":"web","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"web","image":"%IMAGE%",
                 "command":["sh","-c","mkdir -p /www && echo $(POD_NAME) in $(POD_NAMESPACE) > /www/index.html && exec httpd -f -p 8080 -h /www"],
                 "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                        {"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}}],
                 "ports":[{"containerPort":8080}]}]}}
            """);

        Pod pod = awaitPod("web", "Running and Ready", p -> running(p) && ready(p));

        assertThat(pod.status().podIP()).isEqualTo("127.0.0.1");
        assertThat(pod.status().hostIP()).isEqualTo("127.0.0.1");
        assertThat(pod.status().startTime()).isNotNull();
        var status = container(pod, "web");
        assertThat(status.containerID()).startsWith("docker://");
        assertThat(status.imageID()).startsWith("docker://sha256:");
        assertThat(status.restartCount()).isZero();
        assertThat(status.state().running()).isNotNull();
        Integer hostPort = HostPorts.hostPort(pod, 8080, "TCP").orElseThrow();
        assertThat(hostPort).isBetween(40000, 49999);
        Await.until("httpd answers", TIMEOUT, () -> {
            try {
                return httpGet("http://127.0.0.1:" + hostPort + "/").equals("200 web in " + ns + "\n");
            } catch (Exception e) {
                return false;
            }
        });
        Await.until("Pulled, Created and Started events", TIMEOUT,
            () -> eventReasons("web").containsAll(java.util.List.of("Pulled", "Created", "Started")));
        var labels = dockerContainers("web").get(0).getLabels();
        assertThat(labels).containsEntry("io.kubernetes.pod.uid", pod.metadata().uid())
            .containsEntry("io.j8s.node", NODE).containsKey("io.kubernetes.container.name");
    }
}
