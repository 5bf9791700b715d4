package io.j8s.scheduler.plugins.tainttoleration;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.scheduler.framework.FilterResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaintTolerationTest {

    private final TaintToleration plugin = new TaintToleration();

    @Test
    void untoleratedNoScheduleTaintIsNamedInTheReason() {
        FilterResult result = filter(plugin, pod("web").build(), node("gpu1").taint("dedicated", "gpu", "NoSchedule").with());

        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
    }

    @Test
    void taintWithoutValuePrintsAnEmptyValue() {
        FilterResult result = filter(plugin, pod("web").build(), node("n1").taint("maintenance", null, "NoExecute").with());

        assertThat(result.reasons()).containsExactly("node(s) had untolerated taint {maintenance: }");
    }

    @Test
    void firstUntoleratedTaintIsReported() {
        var pod = pod("web").toleration("dedicated", "Equal", "gpu", "NoSchedule").build();
        var node = node("n1")
                .taint("soft", "x", "PreferNoSchedule")
                .taint("dedicated", "gpu", "NoSchedule")
                .taint("team", "ml", "NoExecute")
                .taint("other", "y", "NoSchedule")
                .with();

        assertThat(filter(plugin, pod, node).reasons()).containsExactly("node(s) had untolerated taint {team: ml}");
    }

    @Test
    void toleratedTaintsAndPreferNoScheduleDoNotFilter() {
        var equal = pod("web").toleration("dedicated", "Equal", "gpu", "NoSchedule").build();
        var exists = pod("web").toleration("dedicated", "Exists", null, null).build();
        var wrongValue = pod("web").toleration("dedicated", "Equal", "cpu", "NoSchedule").build();
        var gpuNode = node("n1").taint("dedicated", "gpu", "NoSchedule").with();

        assertThat(filter(plugin, equal, gpuNode).fits()).isTrue();
        assertThat(filter(plugin, exists, gpuNode).fits()).isTrue();
        assertThat(filter(plugin, wrongValue, gpuNode).fits()).isFalse();
        assertThat(filter(plugin, pod("web").build(), node("n2").taint("soft", "x", "PreferNoSchedule").with()).fits())
                .isTrue();
    }

    @Test
    void scorePrefersFewerUntoleratedPreferNoScheduleTaints() {
        var pod = pod("web").toleration("tolerated", "Exists", null, "PreferNoSchedule").build();

        var scores = scores(plugin, pod,
                node("clean").taint("hard", "x", "NoSchedule").with(),
                node("one").taint("a", "1", "PreferNoSchedule").taint("tolerated", "y", "PreferNoSchedule").with(),
                node("two").taint("a", "1", "PreferNoSchedule").taint("b", "2", "PreferNoSchedule").with());

        // Raw 0, 1, 2 -> reversed: 100 - 100 * count / 2.
        assertThat(scores).containsOnly(Map.entry("clean", 100L), Map.entry("one", 50L), Map.entry("two", 0L));
    }
}
