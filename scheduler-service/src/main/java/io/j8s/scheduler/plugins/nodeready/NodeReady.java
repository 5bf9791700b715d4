package io.j8s.scheduler.plugins.nodeready;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Taint;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;

/**
 * Only nodes whose Ready condition is True take new pods. Kubernetes gets the same effect through the
 * {@code not-ready} / {@code unreachable} NoSchedule taints the node lifecycle controller adds; checking the condition
 * directly also covers the moments before the controller has tainted a node. A pod that tolerates the taint the
 * node would carry (e.g. a system pod with {@code operator: Exists}) is let through, as Kubernetes would.
 */
public final class NodeReady implements FilterPlugin {

    public static final String NAME = "NodeReady";

    static final String REASON = "node(s) were not ready";

    private static final Taint NOT_READY = Taint.of("node.kubernetes.io/not-ready", null, Taint.NO_SCHEDULE);
    private static final Taint UNREACHABLE = Taint.of("node.kubernetes.io/unreachable", null, Taint.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        String status = nodeInfo.readyStatus();
        if ("True".equals(status)) {
            return FilterResult.fit();
        }
        // Ready=False is the node agent reporting trouble; no or an Unknown condition means nobody has heard from it.
        Taint taint = "False".equals(status) ? NOT_READY : UNREACHABLE;
        boolean tolerated = pod.spec().tolerationsOrEmpty().stream().anyMatch(t -> t.tolerates(taint));
        return tolerated ? FilterResult.fit() : FilterResult.unresolvable(REASON);
    }
}
