package io.j8s.scheduler.plugins.interpodaffinity;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAffinity;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places pods relative to other pods. A topology domain is the set of nodes sharing one value of a term's
 * {@code topologyKey} label (a node with {@code kubernetes.io/hostname}, a zone with
 * {@code topology.kubernetes.io/zone}). Filter: the pod's required affinity needs a matching pod in the node's domain,
 * its required anti-affinity needs none there, and no pod already in the domain may have a required anti-affinity
 * term matching this pod. Score: preferred terms of the pod and of the pods already placed, summed per domain, with
 * affinity adding and anti-affinity subtracting its weight, then scaled to 0..100.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, ScorePlugin {

    public static final String NAME = "InterPodAffinity";

    static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY_REASON = "node(s) didn't satisfy existing pods anti-affinity rules";

    /** kube-scheduler's default: what an existing pod's required affinity term adds when this pod matches it. */
    public static final long DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;

    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    private final long hardPodAffinityWeight;

    public InterPodAffinity() {
        this(DEFAULT_HARD_POD_AFFINITY_WEIGHT);
    }

    public InterPodAffinity(long hardPodAffinityWeight) {
        this.hardPodAffinityWeight = hardPodAffinityWeight;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult preFilter(CycleState state, Pod pod) {
        FilterState computed = FilterState.compute(pod, state.snapshot());
        state.write(PRE_FILTER_KEY, computed);
        return computed.invalid() == null ? FilterResult.fit() : FilterResult.unresolvable(computed.invalid());
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        FilterState s = state.readOrCompute(PRE_FILTER_KEY, () -> FilterState.compute(pod, state.snapshot()));
        if (s.invalid() != null) {
            return FilterResult.unresolvable(s.invalid());
        }
        Map<String, String> labels = node.node().metadata().labelsOrEmpty();
        if (!s.satisfiesAffinity(labels)) {
            return FilterResult.unresolvable(AFFINITY_REASON);
        }
        if (!s.satisfiesAntiAffinity(labels)) {
            return FilterResult.unfit(ANTI_AFFINITY_REASON);
        }
        if (!s.satisfiesExistingAntiAffinity(labels)) {
            return FilterResult.unfit(EXISTING_ANTI_AFFINITY_REASON);
        }
        return FilterResult.fit();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Map<String, Map<String, Long>> topologyScore = state.readOrCompute(PRE_SCORE_KEY,
                () -> topologyScore(pod, state.snapshot()));
        Map<String, String> labels = node.node().metadata().labelsOrEmpty();
        long score = 0;
        for (Map.Entry<String, Map<String, Long>> byKey : topologyScore.entrySet()) {
            String value = labels.get(byKey.getKey());
            if (value != null) {
                score += byKey.getValue().getOrDefault(value, 0L);
            }
        }
        return score;
    }

    /** Min-max scaling: the lowest sum (possibly negative) becomes 0, the highest 100; all equal stay 0. */
    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        Map<String, Map<String, Long>> topologyScore = state.read(PRE_SCORE_KEY);
        if (topologyScore == null || topologyScore.isEmpty() || scores.isEmpty()) {
            return;
        }
        long min = scores.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = scores.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long diff = max - min;
        scores.replaceAll((node, score) ->
                diff > 0 ? (long) (MAX_NODE_SCORE * ((double) (score - min) / diff)) : 0L);
    }

    /**
     * Topology key -> value -> summed weight, from every pod in the cluster: this pod's preferred terms matching it
     * (+/- weight), its preferred terms matching this pod (+/- weight), and its required affinity terms matching this
     * pod (+ hardPodAffinityWeight).
     */
    private Map<String, Map<String, Long>> topologyScore(Pod pod, ClusterSnapshot snapshot) {
        PodAffinity affinity = AffinityTerm.podAffinity(pod);
        PodAntiAffinity antiAffinity = AffinityTerm.podAntiAffinity(pod);
        List<AffinityTerm> preferred = AffinityTerm.preferred(pod,
                affinity == null ? null : affinity.preferredDuringSchedulingIgnoredDuringExecution(), false);
        List<AffinityTerm> preferredAnti = AffinityTerm.preferred(pod,
                antiAffinity == null ? null : antiAffinity.preferredDuringSchedulingIgnoredDuringExecution(), false);
        Map<String, Map<String, Long>> scores = new HashMap<>();
        // Without preferred terms of its own, only pods that carry (anti-)affinity can score for this pod.
        boolean ownTerms = !preferred.isEmpty() || !preferredAnti.isEmpty();
        for (NodeInfo node : snapshot.nodes()) {
            List<Pod> candidates = ownTerms ? node.pods() : node.podsWithAffinity();
            Map<String, String> labels = candidates.isEmpty() ? Map.of() : node.node().metadata().labelsOrEmpty();
            if (labels.isEmpty()) {
                continue;
            }
            for (Pod existing : candidates) {
                add(scores, preferred, existing, labels, 1);
                add(scores, preferredAnti, existing, labels, -1);
                if (existing.spec().affinity() == null) {
                    continue;
                }
                PodAffinity theirs = AffinityTerm.podAffinity(existing);
                PodAntiAffinity theirsAnti = AffinityTerm.podAntiAffinity(existing);
                if (theirs != null) {
                    if (hardPodAffinityWeight > 0) {
                        add(scores, AffinityTerm.required(existing,
                                theirs.requiredDuringSchedulingIgnoredDuringExecution(), hardPodAffinityWeight, false),
                                pod, labels, 1);
                    }
                    add(scores, AffinityTerm.preferred(existing,
                            theirs.preferredDuringSchedulingIgnoredDuringExecution(), false), pod, labels, 1);
                }
                if (theirsAnti != null) {
                    add(scores, AffinityTerm.preferred(existing,
                            theirsAnti.preferredDuringSchedulingIgnoredDuringExecution(), false), pod, labels, -1);
                }
            }
        }
        return scores;
    }

    /** Adds each term's weight x sign to the domain of {@code labels} when {@code target} matches the term. */
    private static void add(Map<String, Map<String, Long>> scores, List<AffinityTerm> terms, Pod target,
            Map<String, String> labels, int sign) {
        for (AffinityTerm term : terms) {
            String value = labels.get(term.topologyKey());
            if (value != null && term.matches(target)) {
                scores.computeIfAbsent(term.topologyKey(), k -> new HashMap<>()).merge(value, sign * term.weight(), Long::sum);
            }
        }
    }
}
