package io.j8s.controller.node;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.Taint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The taints the node lifecycle controller owns and when a node should carry them: NoExecute taints for an
 * unreachable or not-ready node (which evict its pods after their toleration), and the NoSchedule taints
 * Kubernetes derives from node conditions and {@code spec.unschedulable} (which keep new pods away).
 * Other taints on a node are the user's and are never touched.
 */
final class NodeTaints {

    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";
    static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

    /** Condition type -> the taint a True status calls for (NoSchedule). */
    private static final Map<String, String> PRESSURE_TAINTS = Map.of(
        NodeConditions.MEMORY_PRESSURE, MEMORY_PRESSURE,
        NodeConditions.DISK_PRESSURE, DISK_PRESSURE,
        NodeConditions.PID_PRESSURE, PID_PRESSURE,
        NodeConditions.NETWORK_UNAVAILABLE, NETWORK_UNAVAILABLE);

    /** A taint by what identifies it on a node: key and effect. */
    record Key(String key, String effect) {
        static Key of(Taint taint) {
            return new Key(taint.key(), taint.effect());
        }
    }

    private static final Set<Key> MANAGED = Set.of(
        new Key(UNREACHABLE, Taint.NO_EXECUTE), new Key(NOT_READY, Taint.NO_EXECUTE),
        new Key(UNREACHABLE, Taint.NO_SCHEDULE), new Key(NOT_READY, Taint.NO_SCHEDULE),
        new Key(MEMORY_PRESSURE, Taint.NO_SCHEDULE), new Key(DISK_PRESSURE, Taint.NO_SCHEDULE),
        new Key(PID_PRESSURE, Taint.NO_SCHEDULE), new Key(NETWORK_UNAVAILABLE, Taint.NO_SCHEDULE),
        new Key(UNSCHEDULABLE, Taint.NO_SCHEDULE));

    private NodeTaints() {
    }

    /**
     * The controller's taints a node should carry. {@code unreachable}: its Lease is older than the grace
     * period. Otherwise a Ready condition False (the kubelet's word) makes it not-ready; a Ready condition
     * left Unknown from an earlier silence is the kubelet's to correct and taints nothing, so a node whose
     * Lease is renewed again is untainted at once.
     */
    static Set<Key> desired(Node node, boolean unreachable) {
        Set<Key> wanted = new LinkedHashSet<>();
        List<NodeCondition> conditions = node.status() == null ? null : node.status().conditions();
        NodeCondition ready = NodeConditions.find(conditions, NodeCondition.READY);
        if (unreachable) {
            wanted.add(new Key(UNREACHABLE, Taint.NO_EXECUTE));
            wanted.add(new Key(UNREACHABLE, Taint.NO_SCHEDULE));
        } else if (ready != null && "False".equals(ready.status())) {
            wanted.add(new Key(NOT_READY, Taint.NO_EXECUTE));
            wanted.add(new Key(NOT_READY, Taint.NO_SCHEDULE));
        }
        if (!unreachable) {
            PRESSURE_TAINTS.forEach((type, taint) -> {
                if (NodeConditions.isTrue(conditions, type)) {
                    wanted.add(new Key(taint, Taint.NO_SCHEDULE));
                }
            });
        }
        if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
            wanted.add(new Key(UNSCHEDULABLE, Taint.NO_SCHEDULE));
        }
        return wanted;
    }

    /**
     * The node's taints with the controller's ones made {@code wanted}: the user's taints and the managed
     * ones that stay are kept as they are (with their timeAdded); new ones are added at {@code now}. Null
     * when nothing changes.
     */
    static List<Taint> reconcile(List<Taint> current, Set<Key> wanted, String now) {
        List<Taint> existing = current == null ? List.of() : current;
        List<Taint> result = new ArrayList<>();
        Set<Key> present = new LinkedHashSet<>();
        for (Taint taint : existing) {
            Key key = Key.of(taint);
            if (MANAGED.contains(key) && !wanted.contains(key)) {
                continue;
            }
            if (present.add(key) || !MANAGED.contains(key)) {
                result.add(taint);
            }
        }
        for (Key key : wanted) {
            if (!present.contains(key)) {
                result.add(new Taint(key.key(), null, key.effect(), now, null));
            }
        }
        return Objects.equals(result, existing) ? null : List.copyOf(result);
    }

    static List<Taint> noExecute(Node node) {
        if (node.spec() == null) {
            return List.of();
        }
        return node.spec().taintsOrEmpty().stream().filter(t -> Taint.NO_EXECUTE.equals(t.effect())).toList();
    }
}
