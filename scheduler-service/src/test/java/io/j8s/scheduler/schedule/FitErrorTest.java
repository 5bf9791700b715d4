package io.j8s.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FitErrorTest {

    @Test
    void countsEachReasonOverTheNodesAndSortsTheCountedReasonsAsStrings() {
        FitError error = new FitError(3, null, Map.of(
            "n1", List.of("Insufficient cpu"),
            "n2", List.of("Insufficient cpu"),
            "n3", List.of("node(s) had untolerated taint {dedicated: gpu}")), Set.of("NodeResourcesFit"));

        // As kube-scheduler's sort.Strings over "count reason": "1 node(s)..." sorts before "2 Insufficient cpu".
        assertThat(error.message())
            .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.");
    }

    @Test
    void aNodeWithSeveralReasonsCountsForEach() {
        FitError error = new FitError(2, null, Map.of(
            "n1", List.of("Insufficient cpu", "Insufficient memory"),
            "n2", List.of("Insufficient memory")), Set.of("NodeResourcesFit"));

        assertThat(error.message()).isEqualTo("0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.");
    }

    @Test
    void aPreFilterRejectionIsTheWholeMessage() {
        FitError error = new FitError(5, "node(s) didn't match pod anti-affinity rules", Map.of(),
            Set.of("InterPodAffinity"));

        assertThat(error.message()).isEqualTo("0/5 nodes are available: node(s) didn't match pod anti-affinity rules.");
    }

    @Test
    void noNodesAtAll() {
        assertThat(FitError.noNodes().message()).isEqualTo("no nodes available to schedule pods");
    }
}
