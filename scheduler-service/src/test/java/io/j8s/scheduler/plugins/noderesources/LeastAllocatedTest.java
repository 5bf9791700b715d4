package io.j8s.scheduler.plugins.noderesources;

import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeastAllocatedTest {

    private final LeastAllocated plugin = new LeastAllocated();

    @Test
    void prefersTheEmptierNodeWithKubernetesValues() {
        // kube-scheduler's own case: pod 3000m / 5000 on nodes 4000m/10000 and 6000m/10000.
        // n1: cpu (4000-3000)*100/4000 = 25, memory (10000-5000)*100/10000 = 50 -> (25+50)/2 = 37 (integer division)
        // n2: cpu (6000-3000)*100/6000 = 50, memory 50 -> 50
        var pod = pod("web").container("1000m", "2000").container("2000m", "3000").build();

        var scores = scores(plugin, pod, node("n1").cpu("4000m").memory("10000").with(),
                node("n2").cpu("6000m").memory("10000").with());

        assertThat(scores).containsEntry("n1", 37L).containsEntry("n2", 50L);
    }

    @Test
    void countsPodsAlreadyThereAndEmptyRequestsAtTheDefaults() {
        // The running pod requests nothing: it counts as 100m and 200Mi. The new pod asks 900m and 824Mi.
        // cpu: (2000 - 1000) * 100 / 2000 = 50; memory: (2048Mi - 1024Mi) * 100 / 2048Mi = 50.
        var running = pod("running").container(null, null).build();
        var pod = pod("web").container("900m", "824Mi").build();

        var scores = scores(plugin, pod, node("n1").cpu("2").memory("2Gi").with(running));

        assertThat(scores).containsEntry("n1", 50L);
    }

    @Test
    void overcommittedResourceScoresZero() {
        var pod = pod("web").container("3", "1Gi").build();

        // cpu over capacity -> 0; memory (4Gi - 1Gi) / 4Gi -> 75; average 37.
        assertThat(scores(plugin, pod, node("n1").cpu("2").memory("4Gi").with())).containsEntry("n1", 37L);
    }
}
