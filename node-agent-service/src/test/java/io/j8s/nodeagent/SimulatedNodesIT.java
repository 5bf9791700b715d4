package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.client.ListOptions;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The simulated runtime: nodes without containers, whose pods report Running after the configured delay. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimulatedNodesIT extends NodeAgentTestBase {

    static final String PREFIX = "sim-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("j8s.node-agent.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.node-agent.node-name", () -> PREFIX + "agent");
        registry.add("j8s.node-agent.runtime", () -> "simulated");
        registry.add("j8s.node-agent.simulated.nodes", () -> "3");
        registry.add("j8s.node-agent.simulated.name-prefix", () -> PREFIX);
        registry.add("j8s.node-agent.simulated.startup-delay", () -> "2s");
    }

    @Override
    protected String nodeName() {
        return PREFIX + "2";
    }

    @Test
    void simulatedNodesRegisterTaintedAndTheirPodsRunAfterTheDelayWithoutContainers() {
        Await.until("3 simulated nodes registered and Ready", TIMEOUT, () -> simulatedNodes().size() == 3
            && simulatedNodes().stream().allMatch(n -> n.status() != null && n.status().conditions() != null
                && n.status().conditions().stream().anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"))));
        Node node = simulatedNodes().get(0);
        assertThat(node.metadata().labels()).containsEntry("j8s.io/runtime", "simulated");
        assertThat(node.spec().taints()).extracting(t -> t.key() + "=" + t.value() + ":" + t.effect())
            .containsExactly("j8s.io/simulated=true:NoSchedule");

        long created = System.nanoTime();
        createPod("""
            {"metadata":{"name":"fake","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","initContainers":[{"name":"setup","image":"init:1"}],
               "containers":[{"name":"a","image":"anything:1"},{"name":"b","image":"x:2"}]}}
            """);
        // Init containers complete at once: the pod is Initialized while its app containers still wait for the delay.
        Pod initialized = awaitPod("fake", "Initialized", p -> p.status() != null && p.status().conditions() != null
            && p.status().conditions().stream().anyMatch(c -> c.type().equals("Initialized") && c.status().equals("True")));
        assertThat(initContainer(initialized, "setup").state().terminated().reason()).isEqualTo("Completed");
        Pod pod = awaitPod("fake", "Running and Ready", p -> running(p) && ready(p));
        assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(pod.status().containerStatuses()).allSatisfy(c -> {
            assertThat(c.ready()).isTrue();
            assertThat(c.containerID()).startsWith("simulated://");
        });
        assertThat(pod.status().hostIP()).startsWith("10.250.");
        assertThat(dockerContainers("fake")).isEmpty();

        client.delete(Resources.PODS, ns, "fake", null).block(TIMEOUT);
        awaitGone("fake");
    }

    private List<Node> simulatedNodes() {
        return client.list(Resources.NODES, null, ListOptions.NONE).block(TIMEOUT).items().stream()
            .filter(n -> n.metadata().name().startsWith(PREFIX)).toList();
    }
}
