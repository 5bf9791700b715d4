package io.j8s.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Quantities;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.client.ListOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Where pods land, and what a pod that fits nowhere says, with the real plugins against a real API server. */
class SchedulingIT extends SchedulerTestBase {

    @Test
    void aBigPodGoesToTheNodeWithRoomAndANodeFillsUp() {
        String small = node("small", "1", Map.of());
        String big = node("big", "4", Map.of());

        pod("first", "2", "");
        assertThat(awaitBound("first")).isEqualTo(big);
        pod("second", "2", "");
        assertThat(awaitBound("second")).isEqualTo(big);
        pod("third", "2", "");

        await("third unschedulable", TIMEOUT, () -> scheduledCondition("third")
            .map(c -> "False".equals(c.status())).orElse(false));
        assertThat(scheduledCondition("third").orElseThrow().message())
            .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
        assertThat(nodeOf("third")).isNull();
        pod("tiny", "500m", "");
        assertThat(awaitBound("tiny")).isEqualTo(small);
    }

    @Test
    void aNodeSelectorPicksTheLabelledNode() {
        node("hdd", "4", Map.of("disk", "hdd"));
        String ssd = node("ssd", "4", Map.of("disk", "ssd"));

        for (int i = 0; i < 3; i++) {
            pod("db-" + i, "100m", ",\"nodeSelector\":{\"disk\":\"ssd\"}");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(awaitBound("db-" + i)).isEqualTo(ssd);
        }
    }

    @Test
    void requiredNodeAffinityIsHonoured() {
        node("zone-a", "4", Map.of("topology.kubernetes.io/zone", "a", "tier", "1"));
        String b = node("zone-b", "4", Map.of("topology.kubernetes.io/zone", "b", "tier", "2"));
        String c = node("zone-c", "4", Map.of("topology.kubernetes.io/zone", "c", "tier", "3"));
        String affinity = """
            ,"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
              {"matchExpressions":[{"key":"topology.kubernetes.io/zone","operator":"NotIn","values":["a"]},
                                   {"key":"tier","operator":"Gt","values":["%s"]}]}]}}}""";

        pod("not-a", "100m", affinity.formatted("1"));
        assertThat(awaitBound("not-a")).isIn(b, c);
        pod("above-2", "100m", affinity.formatted("2"));
        assertThat(awaitBound("above-2")).isEqualTo(c);
        pod("above-3", "100m", affinity.formatted("3"));
        await("above-3 unschedulable", TIMEOUT, () -> scheduledCondition("above-3").isPresent());
        assertThat(scheduledCondition("above-3").orElseThrow().message())
            .isEqualTo("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
    }

    @Test
    void podAntiAffinitySpreadsPodsOverHostnames() {
        Set<String> all = Set.of(node("a", "4", Map.of()), node("b", "4", Map.of()), node("c", "4", Map.of()));
        String antiAffinity = """
            ,"affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
              {"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}}""";

        for (int i = 0; i < 4; i++) {
            pod("web-" + i, "100m", Map.of("app", "web"), antiAffinity);
        }
        await("three bound", TIMEOUT, () -> boundPods().size() == 3);
        Set<String> used = new HashSet<>(boundPods().values());
        assertThat(used).isEqualTo(all);
        String pending = IntStream.range(0, 4).mapToObj(i -> "web-" + i)
            .filter(p -> nodeOf(p) == null).findFirst().orElseThrow();
        await(pending + " unschedulable", TIMEOUT, () -> scheduledCondition(pending).isPresent());
        assertThat(scheduledCondition(pending).orElseThrow().message())
            .isEqualTo("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
    }

    @Test
    void taintsKeepPodsOffUnlessTolerated() {
        String gpu = node("gpu", "8", Map.of(), "{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}");
        node("plain", "1", Map.of());

        pod("big", "2", "");
        await("big unschedulable", TIMEOUT, () -> scheduledCondition("big").isPresent());
        assertThat(scheduledCondition("big").orElseThrow().message()).isEqualTo(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.");

        pod("tolerant", "2", ",\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\","
            + "\"effect\":\"NoSchedule\"}]");
        assertThat(awaitBound("tolerant")).isEqualTo(gpu);
        assertThat(nodeOf("big")).isNull();
    }

    @Test
    void anImpossiblePodStaysPendingWithTheReasonThenSchedulesWhenANodeWithRoomAppears() {
        node("one", "1", Map.of());
        node("two", "2", Map.of());
        pod("huge", "8", "");

        String message = "0/2 nodes are available: 2 Insufficient cpu.";
        await("the Unschedulable condition", TIMEOUT, () -> scheduledCondition("huge").isPresent());
        PodCondition condition = scheduledCondition("huge").orElseThrow();
        assertThat(condition.status()).isEqualTo("False");
        assertThat(condition.reason()).isEqualTo("Unschedulable");
        assertThat(condition.message()).isEqualTo(message);
        assertThat(get("huge").status().phase()).isEqualTo("Pending");
        await("a FailedScheduling event", TIMEOUT, () -> events("huge", "FailedScheduling").contains(message));
        sleep(1500);
        assertThat(nodeOf("huge")).isNull();

        String roomy = node("roomy", "16", Map.of());
        assertThat(awaitBound("huge")).isEqualTo(roomy);
        await("the Scheduled event", TIMEOUT, () -> events("huge", "Scheduled")
            .contains("Successfully assigned " + ns + "/huge to " + roomy));
        assertThat(scheduledCondition("huge").orElseThrow().status()).isEqualTo("True");
    }

    @Test
    void aBurstNeverOverCommitsANode() {
        List<String> names = List.of(node("a", "1", Map.of()), node("b", "1", Map.of()), node("c", "1", Map.of()),
            node("d", "2", Map.of()));
        // Room for exactly 20 pods of 250m: 4 + 4 + 4 + 8.
        Flux.range(0, 22)
            .flatMap(i -> client.create(Resources.PODS, podObject("burst-" + i, "250m", Map.of(), "")), 22)
            .blockLast(TIMEOUT);

        await("20 bound", TIMEOUT, () -> boundPods().keySet().stream().filter(p -> p.startsWith("burst-")).count() == 20);
        sleep(2000);
        Map<String, String> bound = boundPods();
        assertThat(bound.keySet().stream().filter(p -> p.startsWith("burst-"))).hasSize(20);
        for (String node : names) {
            long milliCpu = client.list(Resources.PODS, ns, ListOptions.fieldSelector("spec.nodeName=" + node))
                .block(TIMEOUT).items().stream()
                .mapToLong(p -> Quantities.milliValue(p.spec().containers().get(0).resources().requests().get("cpu")))
                .sum();
            long allocatable = node.endsWith("-d") ? 2000 : 1000;
            assertThat(milliCpu).as("cpu requested on " + node).isEqualTo(allocatable);
        }
    }

    @Test
    void higherPriorityPodsAreScheduledFirst() {
        pod("low", "1", ",\"priority\":10");
        pod("high", "1", ",\"priority\":1000");
        pod("lowest", "1", ",\"priority\":-5");
        for (String pod : List.of("low", "high", "lowest")) {
            await(pod + " unschedulable", TIMEOUT, () -> scheduledCondition(pod).isPresent());
        }
        assertThat(scheduledCondition("high").orElseThrow().message()).isEqualTo("no nodes available to schedule pods");
        sleep(2500); // past every back-off: the node event moves all three to the active queue at once

        String only = node("only", "1", Map.of());
        assertThat(awaitBound("high")).isEqualTo(only);
        sleep(1500);
        assertThat(nodeOf("low")).isNull();
        assertThat(nodeOf("lowest")).isNull();

        String second = node("second", "1", Map.of());
        assertThat(awaitBound("low")).isEqualTo(second);
        assertThat(nodeOf("lowest")).isNull();
    }

    @Test
    void aPodForAnotherSchedulerIsLeftAlone() {
        node("n", "4", Map.of());
        pod("theirs", "100m", ",\"schedulerName\":\"other-scheduler\"");
        pod("ours", "100m", "");

        awaitBound("ours");
        sleep(1500);
        Pod theirs = get("theirs");
        assertThat(theirs.spec().nodeName()).isNull();
        assertThat(scheduledCondition("theirs")).isEmpty();
        assertThat(events("theirs", "FailedScheduling")).isEmpty();
        assertThat(events("theirs", "Scheduled")).isEmpty();
    }

    /** Pod name to node, for the bound pods of this test's namespace. */
    private Map<String, String> boundPods() {
        return client.list(Resources.PODS, ns, ListOptions.NONE).block(TIMEOUT).items().stream()
            .filter(p -> p.spec().nodeName() != null)
            .collect(Collectors.toMap(p -> p.metadata().name(), p -> p.spec().nodeName()));
    }
}
