package io.j8s.scheduler.plugins.interpodaffinity;

import io.j8s.common.api.core.Affinity;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAffinity;
import io.j8s.common.api.core.PodAffinityTerm;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.common.api.core.WeightedPodAffinityTerm;
import io.j8s.common.labels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed pod (anti-)affinity term: which pods it is about (label selector, within namespaces) and the node label
 * whose value makes a topology domain. The namespaces are the term's own, or the owning pod's namespace when the term
 * names none and has no namespaceSelector, as in Kubernetes.
 */
record AffinityTerm(Set<String> namespaces, Selector namespaceSelector, Selector selector, String topologyKey,
        long weight) {

    /**
     * Label every namespace carries with its own name. The snapshot holds no Namespace objects, so a namespaceSelector
     * is matched against this label alone: selecting namespaces by name works, selecting by other labels does not.
     */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /** @throws IllegalArgumentException when a selector of the term is invalid */
    static AffinityTerm of(Pod owner, PodAffinityTerm term, long weight) {
        Selector selector = Selector.from(term.labelSelector());
        Selector namespaceSelector = Selector.from(term.namespaceSelector());
        List<String> listed = term.namespaces() == null ? List.of() : term.namespaces();
        Set<String> namespaces = listed.isEmpty() && term.namespaceSelector() == null
                ? Set.of(namespaceOf(owner)) : Set.copyOf(listed);
        return new AffinityTerm(namespaces, namespaceSelector, selector, term.topologyKey(), weight);
    }

    /** Whether {@code pod} is one of the pods this term is about. */
    boolean matches(Pod pod) {
        String namespace = namespaceOf(pod);
        boolean inNamespace = namespaces.contains(namespace)
                || namespaceSelector.matches(Map.of(NAMESPACE_NAME_LABEL, namespace));
        return inNamespace && selector.matches(pod.metadata().labelsOrEmpty());
    }

    static String namespaceOf(Pod pod) {
        String namespace = pod.metadata().namespace();
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    /**
     * The pod's terms of one kind. {@code strict}: an invalid term throws (the pod being scheduled, whose user should
     * hear about it); otherwise it is skipped (a pod already running, which cannot be helped here).
     */
    static List<AffinityTerm> required(Pod owner, List<PodAffinityTerm> terms, long weight, boolean strict) {
        List<AffinityTerm> parsed = new ArrayList<>();
        for (PodAffinityTerm term : terms == null ? List.<PodAffinityTerm>of() : terms) {
            add(parsed, owner, term, weight, strict);
        }
        return parsed;
    }

    static List<AffinityTerm> preferred(Pod owner, List<WeightedPodAffinityTerm> terms, boolean strict) {
        List<AffinityTerm> parsed = new ArrayList<>();
        for (WeightedPodAffinityTerm term : terms == null ? List.<WeightedPodAffinityTerm>of() : terms) {
            long weight = term.weight() == null ? 0 : term.weight();
            if (weight != 0 && term.podAffinityTerm() != null) {
                add(parsed, owner, term.podAffinityTerm(), weight, strict);
            }
        }
        return parsed;
    }

    private static void add(List<AffinityTerm> parsed, Pod owner, PodAffinityTerm term, long weight, boolean strict) {
        try {
            parsed.add(of(owner, term, weight));
        } catch (IllegalArgumentException e) {
            if (strict) {
                throw e;
            }
        }
    }

    static PodAffinity podAffinity(Pod pod) {
        Affinity affinity = pod.spec().affinity();
        return affinity == null ? null : affinity.podAffinity();
    }

    static PodAntiAffinity podAntiAffinity(Pod pod) {
        Affinity affinity = pod.spec().affinity();
        return affinity == null ? null : affinity.podAntiAffinity();
    }
}
