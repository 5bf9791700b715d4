package io.j8s.scheduler.registry;

import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import java.util.List;

/**
 * The plugins one scheduler runs, in order, as configured (kube-scheduler's profile): PreFilter of every enabled
 * filter plugin that has one, the filters, and the score plugins with their weights.
 */
public record Profile(List<PreFilterPlugin> preFilters, List<FilterPlugin> filters, List<WeightedScore> scores) {

    public Profile {
        preFilters = List.copyOf(preFilters);
        filters = List.copyOf(filters);
        scores = List.copyOf(scores);
    }

    /** A score plugin and the weight its 0..100 score is multiplied by in the sum. */
    public record WeightedScore(ScorePlugin plugin, int weight) {
    }
}
