package io.j8s.scheduler.plugins.noderesources;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PodRequests;
import io.j8s.scheduler.framework.ResourceList;
import io.j8s.scheduler.framework.ScorePlugin;

/**
 * Prefers nodes whose cpu and memory would be used in equal proportion once the pod is there, so neither runs out
 * while the other idles: kube-scheduler's NodeResourcesBalancedAllocation, {@code (1 - std) * 100} where std is the
 * standard deviation of the two fractions requested/allocatable (each capped at 1), i.e. {@code |cpu - memory| / 2}.
 * Like kube-scheduler it counts actual requests (no defaults for empty ones) and does not score best-effort pods
 * (all 0): a pod that asks for nothing would otherwise pile onto one node.
 */
public final class BalancedAllocation implements ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    private static final String STATE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        ResourceList podRequest = state.readOrCompute(STATE_KEY, () -> PodRequests.of(pod));
        if (podRequest.milliCpu() == 0 && podRequest.memory() == 0) {
            return 0;
        }
        ResourceList requested = node.requested().plus(podRequest);
        ResourceList allocatable = node.allocatable();
        if (allocatable.milliCpu() == 0 || allocatable.memory() == 0) {
            // With fewer than two resources to compare there is nothing to balance (Go: std = 0).
            return MAX_NODE_SCORE;
        }
        double cpu = fraction(requested.milliCpu(), allocatable.milliCpu());
        double memory = fraction(requested.memory(), allocatable.memory());
        double std = Math.abs((cpu - memory) / 2);
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }

    private static double fraction(long requested, long allocatable) {
        return Math.min(1.0, (double) requested / allocatable);
    }
}
