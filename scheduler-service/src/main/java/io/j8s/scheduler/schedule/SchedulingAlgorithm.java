package io.j8s.scheduler.schedule;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import io.j8s.scheduler.registry.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the node for one pod against one snapshot (kube-scheduler's schedulePod): PreFilter, then every filter
 * on every node (stopping at the first filter that rejects a node, whose reasons are the node's), then every
 * score plugin on the nodes that passed, normalized, weighted and summed; the highest sum wins, ties broken at
 * random. With {@code percentageOfNodesToScore} below 100 and many nodes, filtering stops once that share is
 * found feasible, and the next pod starts where this one stopped, so every node gets its turn.
 */
public final class SchedulingAlgorithm implements AutoCloseable {

    /** kube-scheduler's floor: never look at fewer nodes than this when there are more. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

    private final Profile profile;
    private final int percentageOfNodesToScore;
    private final Parallelizer parallelizer;
    private final Random random;
    /** Per score plugin: whether it normalizes (the others skip building a score map per cycle). */
    private final boolean[] normalizes;
    /** Only the scheduling thread calls {@link #schedule}; the index needs no lock. */
    private int nextStartNodeIndex;

    public SchedulingAlgorithm(Profile profile, int percentageOfNodesToScore, int parallelism, Random random) {
        this.profile = profile;
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        this.parallelizer = new Parallelizer(parallelism);
        this.random = random;
        this.normalizes = new boolean[profile.scores().size()];
        for (int p = 0; p < normalizes.length; p++) {
            normalizes[p] = overridesNormalize(profile.scores().get(p).plugin());
        }
    }

    /** One pod's placement against one snapshot. Plugin failures (exceptions) propagate. */
    public ScheduleResult schedule(Pod pod, ClusterSnapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodes();
        if (nodes.isEmpty()) {
            return FitError.noNodes();
        }
        CycleState state = new CycleState(snapshot);
        for (PreFilterPlugin preFilter : profile.preFilters()) {
            FilterResult result = preFilter.preFilter(state, pod);
            if (!result.fits()) {
                return new FitError(nodes.size(), String.join(", ", result.reasons()), Map.of(),
                    Set.of(preFilter.name()));
            }
        }
        Filtered filtered = findNodesThatFit(state, pod, nodes);
        if (filtered.feasible.isEmpty()) {
            return new FitError(nodes.size(), null, filtered.reasons, filtered.rejectedBy);
        }
        if (filtered.feasible.size() == 1) {
            return new ScheduleResult.Scheduled(filtered.feasible.get(0).name(), filtered.evaluated, 1);
        }
        long[] scores = prioritize(state, pod, filtered.feasible);
        return new ScheduleResult.Scheduled(selectHost(filtered.feasible, scores), filtered.evaluated,
            filtered.feasible.size());
    }

    private record Filtered(List<NodeInfo> feasible, Map<String, List<String>> reasons, Set<String> rejectedBy,
                            int evaluated) {
    }

    private record Rejection(String plugin, List<String> reasons) {
    }

    private Filtered findNodesThatFit(CycleState state, Pod pod, List<NodeInfo> nodes) {
        int n = nodes.size();
        int toFind = numFeasibleNodesToFind(n);
        int start = toFind < n ? nextStartNodeIndex % n : 0;
        NodeInfo[] feasible = new NodeInfo[n];
        Rejection[] rejected = new Rejection[n];
        AtomicInteger found = new AtomicInteger();
        parallelizer.until(n, i -> {
            if (found.get() >= toFind) {
                return;
            }
            NodeInfo node = nodes.get((start + i) % n);
            Rejection rejection = runFilters(state, pod, node);
            if (rejection != null) {
                rejected[i] = rejection;
            } else if (found.incrementAndGet() <= toFind) {
                feasible[i] = node;
            }
        });
        List<NodeInfo> fit = new ArrayList<>();
        Map<String, List<String>> reasons = new HashMap<>();
        Set<String> rejectedBy = new HashSet<>();
        int evaluated = 0;
        for (int i = 0; i < n; i++) {
            if (feasible[i] != null) {
                fit.add(feasible[i]);
                evaluated++;
            } else if (rejected[i] != null) {
                reasons.put(nodes.get((start + i) % n).name(), rejected[i].reasons());
                rejectedBy.add(rejected[i].plugin());
                evaluated++;
            }
        }
        nextStartNodeIndex = (start + evaluated) % n;
        return new Filtered(fit, reasons, rejectedBy, evaluated);
    }

    /** The first filter that rejects the node, with its reasons; null if every filter passes. */
    private Rejection runFilters(CycleState state, Pod pod, NodeInfo node) {
        for (FilterPlugin filter : profile.filters()) {
            FilterResult result = filter.filter(state, pod, node);
            if (!result.fits()) {
                return new Rejection(filter.name(), result.reasons());
            }
        }
        return null;
    }

    /** Per node, the sum over score plugins of weight x (normalized score, clamped to 0..MAX_NODE_SCORE). */
    private long[] prioritize(CycleState state, Pod pod, List<NodeInfo> feasible) {
        List<Profile.WeightedScore> plugins = profile.scores();
        int f = feasible.size();
        long[] total = new long[f];
        if (plugins.isEmpty()) {
            return total;
        }
        long[][] raw = new long[plugins.size()][f];
        parallelizer.until(f, i -> {
            NodeInfo node = feasible.get(i);
            for (int p = 0; p < plugins.size(); p++) {
                raw[p][i] = plugins.get(p).plugin().score(state, pod, node);
            }
        });
        for (int p = 0; p < plugins.size(); p++) {
            Profile.WeightedScore weighted = plugins.get(p);
            long[] scores = raw[p];
            if (normalizes[p]) {
                Map<String, Long> byNode = new LinkedHashMap<>(f * 2);
                for (int i = 0; i < f; i++) {
                    byNode.put(feasible.get(i).name(), scores[i]);
                }
                weighted.plugin().normalize(state, pod, byNode);
                for (int i = 0; i < f; i++) {
                    Long score = byNode.get(feasible.get(i).name());
                    scores[i] = score == null ? 0 : score;
                }
            }
            for (int i = 0; i < f; i++) {
                total[i] += Math.max(0, Math.min(ScorePlugin.MAX_NODE_SCORE, scores[i])) * weighted.weight();
            }
        }
        return total;
    }

    /** Whether a plugin has a normalize of its own (kube-scheduler's ScoreExtensions() != nil). */
    private static boolean overridesNormalize(ScorePlugin plugin) {
        try {
            return plugin.getClass().getMethod("normalize", CycleState.class, Pod.class, Map.class).getDeclaringClass()
                != ScorePlugin.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** The node with the highest score; among equals, each is equally likely (reservoir sampling). */
    private String selectHost(List<NodeInfo> feasible, long[] scores) {
        int best = 0;
        int ties = 1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
                ties = 1;
            } else if (scores[i] == scores[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return feasible.get(best).name();
    }

    /**
     * How many feasible nodes are enough (kube-scheduler's numFeasibleNodesToFind): all of them under 100 nodes
     * or at 100 %; otherwise the configured share, or with 0 an adaptive one (50 % minus 1 % per 125 nodes, at
     * least 5 %), and never fewer than 100.
     */
    int numFeasibleNodesToFind(int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
            return numAllNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage == 0) {
            percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - numAllNodes / 125);
        }
        int count = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, count);
    }

    @Override
    public void close() {
        parallelizer.close();
    }
}
