package io.j8s.scheduler.plugins.interpodaffinity;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAffinity;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.NodeInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What InterPodAffinity's filter needs, counted once per cycle over every pod in the cluster: per topology domain
 * (key, value), how many pods match all the incoming pod's required affinity terms, how many match its required
 * anti-affinity terms, and how many existing pods have a required anti-affinity term that matches the incoming pod.
 * {@code invalid} is set instead when the incoming pod's own terms do not parse.
 */
record FilterState(
        List<AffinityTerm> affinity,
        List<AffinityTerm> antiAffinity,
        Map<TopologyPair, Long> affinityCounts,
        Map<TopologyPair, Long> antiAffinityCounts,
        Map<TopologyPair, Long> existingAntiAffinityCounts,
        boolean podMatchesOwnAffinity,
        String invalid) {

    record TopologyPair(String key, String value) {
    }

    static FilterState compute(Pod pod, ClusterSnapshot snapshot) {
        List<AffinityTerm> affinity;
        List<AffinityTerm> antiAffinity;
        try {
            PodAffinity podAffinity = AffinityTerm.podAffinity(pod);
            PodAntiAffinity podAntiAffinity = AffinityTerm.podAntiAffinity(pod);
            affinity = AffinityTerm.required(pod,
                    podAffinity == null ? null : podAffinity.requiredDuringSchedulingIgnoredDuringExecution(), 0, true);
            antiAffinity = AffinityTerm.required(pod, podAntiAffinity == null ? null
                    : podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution(), 0, true);
        } catch (IllegalArgumentException e) {
            return new FilterState(List.of(), List.of(), Map.of(), Map.of(), Map.of(), false,
                    "invalid pod affinity: " + e.getMessage());
        }
        Map<TopologyPair, Long> affinityCounts = new HashMap<>();
        Map<TopologyPair, Long> antiAffinityCounts = new HashMap<>();
        Map<TopologyPair, Long> existingAntiAffinityCounts = new HashMap<>();
        boolean countsOwnTerms = !affinity.isEmpty() || !antiAffinity.isEmpty();
        for (NodeInfo node : snapshot.nodes()) {
            // Only pods with a required anti-affinity can keep this pod away: a short list per node, not every pod,
            // and on most nodes none at all (checked first: this loop runs over every node, every cycle).
            if (!countsOwnTerms && node.podsWithRequiredAntiAffinity().isEmpty()) {
                continue;
            }
            Map<String, String> labels = node.node().metadata().labelsOrEmpty();
            for (Pod existing : node.podsWithRequiredAntiAffinity()) {
                PodAntiAffinity theirs = AffinityTerm.podAntiAffinity(existing);
                for (AffinityTerm term : AffinityTerm.required(existing,
                        theirs.requiredDuringSchedulingIgnoredDuringExecution(), 0, false)) {
                    if (term.matches(pod)) {
                        count(existingAntiAffinityCounts, term, labels);
                    }
                }
            }
            if (!countsOwnTerms) {
                continue;
            }
            for (Pod existing : node.pods()) {
                // An existing pod counts for affinity only if it matches every term, as in Kubernetes.
                if (!affinity.isEmpty() && affinity.stream().allMatch(t -> t.matches(existing))) {
                    affinity.forEach(term -> count(affinityCounts, term, labels));
                }
                for (AffinityTerm term : antiAffinity) {
                    if (term.matches(existing)) {
                        count(antiAffinityCounts, term, labels);
                    }
                }
            }
        }
        boolean matchesOwn = !affinity.isEmpty() && affinity.stream().allMatch(t -> t.matches(pod));
        return new FilterState(affinity, antiAffinity, affinityCounts, antiAffinityCounts, existingAntiAffinityCounts,
                matchesOwn, null);
    }

    private static void count(Map<TopologyPair, Long> counts, AffinityTerm term, Map<String, String> nodeLabels) {
        String value = nodeLabels.get(term.topologyKey());
        if (value != null) {
            counts.merge(new TopologyPair(term.topologyKey(), value), 1L, Long::sum);
        }
    }

    /**
     * Every required affinity term has a matching pod in the node's domain; the node must carry every topology key.
     * The first pod of a group whose affinity points at the group itself (no matching pod exists anywhere yet, and the
     * pod matches its own terms) may go to any node carrying the keys, or it could never start.
     */
    boolean satisfiesAffinity(Map<String, String> nodeLabels) {
        boolean podsExist = true;
        for (AffinityTerm term : affinity) {
            String value = nodeLabels.get(term.topologyKey());
            if (value == null) {
                return false;
            }
            if (affinityCounts.getOrDefault(new TopologyPair(term.topologyKey(), value), 0L) <= 0) {
                podsExist = false;
            }
        }
        return podsExist || (affinityCounts.isEmpty() && podMatchesOwnAffinity);
    }

    /** No pod matching a required anti-affinity term in the node's domain (a node without the key has no domain). */
    boolean satisfiesAntiAffinity(Map<String, String> nodeLabels) {
        for (AffinityTerm term : antiAffinity) {
            String value = nodeLabels.get(term.topologyKey());
            if (value != null && antiAffinityCounts.getOrDefault(new TopologyPair(term.topologyKey(), value), 0L) > 0) {
                return false;
            }
        }
        return true;
    }

    /** No pod in any of the node's domains has a required anti-affinity term against the incoming pod. */
    boolean satisfiesExistingAntiAffinity(Map<String, String> nodeLabels) {
        if (existingAntiAffinityCounts.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> label : nodeLabels.entrySet()) {
            if (existingAntiAffinityCounts.getOrDefault(new TopologyPair(label.getKey(), label.getValue()), 0L) > 0) {
                return false;
            }
        }
        return true;
    }
}
