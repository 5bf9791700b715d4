package io.j8s.scheduler.plugins.helper;

import io.j8s.scheduler.framework.ScorePlugin;
import java.util.Map;

/** Score rescaling shared by plugins whose raw score is a count or a sum (kube-scheduler's plugins/helper). */
public final class NormalizeScore {

    private NormalizeScore() {
    }

    /**
     * kube-scheduler's DefaultNormalizeScore: scales scores so the highest becomes {@link ScorePlugin#MAX_NODE_SCORE}
     * (integer arithmetic, as Go's). With {@code reverse}, fewer is better: the highest raw score gets 0. When every
     * score is 0 they stay 0, or all become the maximum when reversed (no node is worse than another).
     */
    public static void defaultNormalize(Map<String, Long> scores, boolean reverse) {
        long max = 0;
        for (long score : scores.values()) {
            max = Math.max(max, score);
        }
        if (max == 0) {
            if (reverse) {
                scores.replaceAll((node, score) -> ScorePlugin.MAX_NODE_SCORE);
            }
            return;
        }
        long highest = max;
        scores.replaceAll((node, score) -> {
            long scaled = ScorePlugin.MAX_NODE_SCORE * score / highest;
            return reverse ? ScorePlugin.MAX_NODE_SCORE - scaled : scaled;
        });
    }
}
