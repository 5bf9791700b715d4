package io.j8s.scheduler.plugins.selectorspread;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.ScorePlugin;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spreads the pods of one controller (a ReplicaSet, a StatefulSet, ...) across nodes, and across zones when nodes
 * carry {@code topology.kubernetes.io/zone}, so one failure takes out as few replicas as possible. kube-scheduler's
 * SelectorSpread, with "same controller" meaning the same controller owner reference rather than matching selectors.
 * Raw score: how many live pods of the same owner the node already runs; normalized so fewer is better.
 */
public final class SelectorSpread implements ScorePlugin {

    public static final String NAME = "SelectorSpread";

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String REGION_LABEL = "topology.kubernetes.io/region";

    /** Zone spreading counts twice as much as node spreading, as in kube-scheduler. */
    private static final double ZONE_WEIGHTING = 2.0 / 3.0;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Optional<String> owner = controllerUid(pod);
        if (owner.isEmpty()) {
            return 0;
        }
        String namespace = pod.metadata().namespace();
        return node.pods().stream()
                .filter(p -> !p.metadata().beingDeleted())
                .filter(p -> Objects.equals(namespace, p.metadata().namespace()))
                .filter(p -> controllerUid(p).equals(owner))
                .count();
    }

    @Override
    public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
        if (controllerUid(pod).isEmpty()) {
            return;
        }
        long maxByNode = 0;
        Map<String, String> zoneOfNode = new HashMap<>();
        Map<String, Long> countByZone = new HashMap<>();
        for (Map.Entry<String, Long> entry : scores.entrySet()) {
            maxByNode = Math.max(maxByNode, entry.getValue());
            String zone = state.snapshot().node(entry.getKey()).map(n -> zoneKey(n.node())).orElse("");
            if (!zone.isEmpty()) {
                zoneOfNode.put(entry.getKey(), zone);
                countByZone.merge(zone, entry.getValue(), Long::sum);
            }
        }
        long maxByZone = countByZone.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long maxNode = maxByNode;
        scores.replaceAll((nodeName, count) -> {
            double score = MAX_NODE_SCORE;
            if (maxNode > 0) {
                score = MAX_NODE_SCORE * ((double) (maxNode - count) / maxNode);
            }
            String zone = zoneOfNode.get(nodeName);
            if (zone != null) {
                double zoneScore = MAX_NODE_SCORE;
                if (maxByZone > 0) {
                    zoneScore = MAX_NODE_SCORE * ((double) (maxByZone - countByZone.get(zone)) / maxByZone);
                }
                score = score * (1.0 - ZONE_WEIGHTING) + ZONE_WEIGHTING * zoneScore;
            }
            return (long) score;
        });
    }

    private static Optional<String> controllerUid(Pod pod) {
        ObjectMeta meta = pod.metadata();
        return meta == null ? Optional.empty() : meta.controllerRef().map(OwnerReference::uid).filter(Objects::nonNull);
    }

    /** Region and zone together, so equal zone names in two regions stay apart (Go's utilnode.GetZoneKey). */
    private static String zoneKey(Node node) {
        Map<String, String> labels = node.metadata().labelsOrEmpty();
        String zone = labels.getOrDefault(ZONE_LABEL, labels.getOrDefault("failure-domain.beta.kubernetes.io/zone", ""));
        String region = labels.getOrDefault(REGION_LABEL,
                labels.getOrDefault("failure-domain.beta.kubernetes.io/region", ""));
        return zone.isEmpty() && region.isEmpty() ? "" : region + ":\0:" + zone;
    }
}
