package io.j8s.scheduler.framework;

import io.j8s.common.api.core.Pod;
import java.util.Map;

/**
 * Ranks the nodes that passed every filter (kube-scheduler's Score extension point): 0 ..
 * {@link #MAX_NODE_SCORE}, higher is better. Final node score = sum over plugins of weight x score.
 */
public interface ScorePlugin extends Plugin {

    long MAX_NODE_SCORE = 100;

    long score(CycleState state, Pod pod, NodeInfo node);

    /**
     * Rescales raw scores (node name to score) across the feasible nodes into 0 .. MAX_NODE_SCORE, for plugins
     * whose raw score is a count or a sum (e.g. matching affinity weights). Default: scores are already in range.
     */
    default void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
    }
}
