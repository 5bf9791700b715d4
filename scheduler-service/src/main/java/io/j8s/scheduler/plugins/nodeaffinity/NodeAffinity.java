package io.j8s.scheduler.plugins.nodeaffinity;

import io.j8s.common.api.core.Affinity;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeSelector;
import io.j8s.common.api.core.NodeSelectorTerm;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PreferredSchedulingTerm;
import io.j8s.common.labels.Selector;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import io.j8s.scheduler.plugins.helper.NormalizeScore;
import java.util.List;
import java.util.Map;

/**
 * Where a pod asks to run by node labels. Filter: every {@code spec.nodeSelector} label, and the required node
 * affinity (terms ORed, requirements within a term ANDed). Score: the sum of the weights of the preferred terms the
 * node matches, scaled so the best node gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";

    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult preFilter(CycleState state, Pod pod) {
        state.write(PRE_FILTER_KEY, Required.of(pod));
        return FilterResult.fit();
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        Required required = state.readOrCompute(PRE_FILTER_KEY, () -> Required.of(pod));
        return required.matches(node.node()) ? FilterResult.fit() : FilterResult.unresolvable(REASON);
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        List<Preferred> preferred = state.readOrCompute(PRE_SCORE_KEY, () -> Preferred.of(pod));
        long sum = 0;
        for (Preferred term : preferred) {
            if (term.term().matches(node.node())) {
                sum += term.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        NormalizeScore.defaultNormalize(scores, false);
    }

    /** The pod's hard constraints: nodeSelector labels (null: none) and required terms (null: none). */
    record Required(Selector nodeSelector, List<ParsedTerm> terms) {

        static Required of(Pod pod) {
            Map<String, String> labels = pod.spec().nodeSelector();
            Selector nodeSelector = labels == null || labels.isEmpty() ? null : Selector.fromSet(labels);
            NodeSelector required = nodeAffinity(pod) == null ? null
                    : nodeAffinity(pod).requiredDuringSchedulingIgnoredDuringExecution();
            List<ParsedTerm> terms = required == null ? null
                    : (required.nodeSelectorTerms() == null ? List.<NodeSelectorTerm>of()
                    : required.nodeSelectorTerms()).stream().map(ParsedTerm::parse).toList();
            return new Required(nodeSelector, terms);
        }

        boolean matches(Node node) {
            if (nodeSelector != null && !nodeSelector.matches(node.metadata().labelsOrEmpty())) {
                return false;
            }
            return terms == null || terms.stream().anyMatch(t -> t.matches(node));
        }
    }

    /** One preferred term with its weight; terms of weight 0 are dropped, as in Kubernetes. */
    record Preferred(long weight, ParsedTerm term) {

        static List<Preferred> of(Pod pod) {
            io.j8s.common.api.core.NodeAffinity affinity = nodeAffinity(pod);
            List<PreferredSchedulingTerm> terms = affinity == null ? null
                    : affinity.preferredDuringSchedulingIgnoredDuringExecution();
            if (terms == null) {
                return List.of();
            }
            return terms.stream()
                    .filter(t -> t.weight() != null && t.weight() != 0)
                    .map(t -> new Preferred(t.weight(), ParsedTerm.parse(t.preference())))
                    .toList();
        }
    }

    private static io.j8s.common.api.core.NodeAffinity nodeAffinity(Pod pod) {
        Affinity affinity = pod.spec().affinity();
        return affinity == null ? null : affinity.nodeAffinity();
    }
}
