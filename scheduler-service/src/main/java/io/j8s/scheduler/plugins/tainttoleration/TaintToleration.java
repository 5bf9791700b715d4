package io.j8s.scheduler.plugins.tainttoleration;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.ScorePlugin;
import io.j8s.scheduler.plugins.helper.NormalizeScore;
import java.util.List;
import java.util.Map;

/**
 * Taints keep pods away from nodes unless the pod tolerates them. Filter: the first NoSchedule or NoExecute taint
 * the pod does not tolerate rules the node out and is named in the reason. Score: nodes with fewer PreferNoSchedule
 * taints the pod does not tolerate rank higher.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin {

    public static final String NAME = "TaintToleration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        List<Toleration> tolerations = pod.spec().tolerationsOrEmpty();
        for (Taint taint : taints(node)) {
            boolean keepsPodsAway = Taint.NO_SCHEDULE.equals(taint.effect()) || Taint.NO_EXECUTE.equals(taint.effect());
            if (keepsPodsAway && !tolerated(taint, tolerations)) {
                return FilterResult.unresolvable(reason(taint));
            }
        }
        return FilterResult.fit();
    }

    /** Kubernetes' wording, e.g. {@code node(s) had untolerated taint {dedicated: gpu}}. */
    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + (taint.value() == null ? "" : taint.value()) + "}";
    }

    /** The number of PreferNoSchedule taints the pod does not tolerate; normalized so fewer is better. */
    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        List<Toleration> tolerations = pod.spec().tolerationsOrEmpty();
        return taints(node).stream()
                .filter(t -> Taint.PREFER_NO_SCHEDULE.equals(t.effect()))
                .filter(t -> !tolerated(t, tolerations))
                .count();
    }

    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        NormalizeScore.defaultNormalize(scores, true);
    }

    private static List<Taint> taints(NodeInfo node) {
        return node.node().spec() == null ? List.of() : node.node().spec().taintsOrEmpty();
    }

    private static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }
}
