package io.j8s.scheduler.plugins.nodeunschedulable;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Taint;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable}, what {@code kubectl cordon} sets), except pods that
 * tolerate the taint a cordoned node carries in Kubernetes, {@code node.kubernetes.io/unschedulable:NoSchedule}.
 */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";

    static final String REASON = "node(s) were unschedulable";

    private static final Taint UNSCHEDULABLE_TAINT = Taint.of("node.kubernetes.io/unschedulable", null, Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Node node = nodeInfo.node();
        if (node.spec() == null || !Boolean.TRUE.equals(node.spec().unschedulable())) {
            return FilterResult.fit();
        }
        boolean tolerated = pod.spec().tolerationsOrEmpty().stream().anyMatch(t -> t.tolerates(UNSCHEDULABLE_TAINT));
        return tolerated ? FilterResult.fit() : FilterResult.unresolvable(REASON);
    }
}
