package io.j8s.scheduler.plugins.noderesources;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PodRequests;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ResourceList;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a node has room for a pod: its cpu and memory requests (init containers counted as Kubernetes does, see
 * {@link PodRequests}) against allocatable minus what the pods already there (bound or assumed) request, and one
 * more pod against the node's pod capacity. A node can fail on several resources at once; each is a reason.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodeResourcesFit";

    static final String INSUFFICIENT_CPU = "Insufficient cpu";
    static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    static final String TOO_MANY_PODS = "Too many pods";

    private static final String STATE_KEY = "PreFilter" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult preFilter(CycleState state, Pod pod) {
        state.write(STATE_KEY, PodRequests.of(pod));
        return FilterResult.fit();
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        ResourceList request = state.readOrCompute(STATE_KEY, () -> PodRequests.of(pod));
        ResourceList allocatable = node.allocatable();
        ResourceList requested = node.requested();
        List<String> reasons = new ArrayList<>(3);
        if (node.pods().size() + 1 > allocatable.pods()) {
            reasons.add(TOO_MANY_PODS);
        }
        // A request of zero fits anywhere, even on a node already over-committed.
        if (request.milliCpu() > 0 && request.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (request.memory() > 0 && request.memory() > allocatable.memory() - requested.memory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons.isEmpty() ? FilterResult.fit() : FilterResult.unfit(reasons.toArray(String[]::new));
    }
}
