package io.j8s.scheduler.plugins.noderesources;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PodRequests;
import io.j8s.scheduler.framework.ResourceList;
import io.j8s.scheduler.framework.ScorePlugin;

/**
 * Prefers nodes with the most room left, kube-scheduler's LeastAllocated strategy with cpu and memory weighted 1:1:
 * per resource {@code (allocatable - requested) * 100 / allocatable}, where requested counts the pods on the node and
 * this pod with containers that request nothing at the scoring defaults (100m, 200Mi); the node's score is the
 * average. Integer division throughout, as Go's.
 */
public final class LeastAllocated implements ScorePlugin {

    public static final String NAME = "NodeResourcesLeastAllocated";

    private static final String STATE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        ResourceList podRequest = state.readOrCompute(STATE_KEY, () -> PodRequests.nonZero(pod));
        ResourceList requested = node.nonZeroRequested().plus(podRequest);
        ResourceList allocatable = node.allocatable();
        long sum = 0;
        long weights = 0;
        if (allocatable.milliCpu() > 0) {
            sum += leastRequestedScore(requested.milliCpu(), allocatable.milliCpu());
            weights++;
        }
        if (allocatable.memory() > 0) {
            sum += leastRequestedScore(requested.memory(), allocatable.memory());
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static long leastRequestedScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_NODE_SCORE / capacity;
    }
}
