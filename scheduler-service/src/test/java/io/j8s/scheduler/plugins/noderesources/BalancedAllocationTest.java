package io.j8s.scheduler.plugins.noderesources;

import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BalancedAllocationTest {

    private final BalancedAllocation plugin = new BalancedAllocation();

    @Test
    void perfectlyBalancedNodeScores100() {
        // cpu 3000/6000 = 0.5, memory 5000/10000 = 0.5 -> std 0 -> 100
        var pod = pod("web").container("3000m", "5000").build();

        assertThat(scores(plugin, pod, node("n1").cpu("6000m").memory("10000").with())).containsEntry("n1", 100L);
    }

    @Test
    void unevenUseScoresLowerWithKubernetesValues() {
        // cpu 3000/10000 = 0.3, memory 5000/20000 = 0.25 -> std 0.025 -> 97 (truncated)
        // cpu 3000/4000 = 0.75, memory 5000/20000 = 0.25 -> std 0.25 -> 75
        var pod = pod("web").container("1000m", "2000").container("2000m", "3000").build();

        var scores = scores(plugin, pod, node("n1").cpu("10000m").memory("20000").with(),
                node("n2").cpu("4000m").memory("20000").with());

        assertThat(scores).containsEntry("n1", 97L).containsEntry("n2", 75L);
    }

    @Test
    void podsAlreadyOnTheNodeCount() {
        // Running pod uses 2 cpu of 4 and nothing of memory; the new pod 1 cpu and 2Gi of 8Gi:
        // cpu 0.75, memory 0.25 -> 75. On the empty node: cpu 0.25, memory 0.25 -> 100.
        var running = pod("running").container("2", null).build();
        var pod = pod("web").container("1", "2Gi").build();

        var scores = scores(plugin, pod, node("busy").cpu("4").memory("8Gi").with(running),
                node("empty").cpu("4").memory("8Gi").with());

        assertThat(scores).containsEntry("busy", 75L).containsEntry("empty", 100L);
    }

    @Test
    void bestEffortPodIsNotScored() {
        var pod = pod("be").container(null, null).build();

        assertThat(scores(plugin, pod, node("n1").with(), node("n2").cpu("1").with()))
                .containsEntry("n1", 0L).containsEntry("n2", 0L);
    }
}
