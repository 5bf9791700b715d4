package io.j8s.scheduler.plugins.nodeunschedulable;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.scheduler.framework.FilterResult;
import org.junit.jupiter.api.Test;

class NodeUnschedulableTest {

    private final NodeUnschedulable plugin = new NodeUnschedulable();

    @Test
    void cordonedNodeRejectsPodsForGood() {
        FilterResult result = filter(plugin, pod("web").build(), node("n1").unschedulable().with());

        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).containsExactly("node(s) were unschedulable");
    }

    @Test
    void schedulableNodeTakesPods() {
        assertThat(filter(plugin, pod("web").build(), node("n1").with()).fits()).isTrue();
    }

    @Test
    void podToleratingTheUnschedulableTaintMayGoToACordonedNode() {
        var tolerating = pod("ds").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule").build();
        var everything = pod("ds").toleration(null, "Exists", null, null).build();
        var otherEffect = pod("ds").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoExecute").build();

        assertThat(filter(plugin, tolerating, node("n1").unschedulable().with()).fits()).isTrue();
        assertThat(filter(plugin, everything, node("n1").unschedulable().with()).fits()).isTrue();
        assertThat(filter(plugin, otherEffect, node("n1").unschedulable().with()).fits()).isFalse();
    }
}
