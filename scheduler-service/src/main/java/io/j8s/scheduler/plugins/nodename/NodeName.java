package io.j8s.scheduler.plugins.nodename;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;

/** A pod that names its node in {@code spec.nodeName} may only go there. */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";

    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        String wanted = pod.spec().nodeName();
        if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
            return FilterResult.fit();
        }
        return FilterResult.unresolvable(REASON);
    }
}
