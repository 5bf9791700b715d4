package io.j8s.controller.node;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.meta.Condition;
import java.util.ArrayList;
import java.util.List;

/** Node conditions as the node lifecycle controller reads and writes them. */
final class NodeConditions {

    static final String MEMORY_PRESSURE = "MemoryPressure";
    static final String DISK_PRESSURE = "DiskPressure";
    static final String PID_PRESSURE = "PIDPressure";
    static final String NETWORK_UNAVAILABLE = "NetworkUnavailable";
    static final String NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
    static final String NODE_STATUS_NEVER_UPDATED = "NodeStatusNeverUpdated";

    /** The conditions a silent node's kubelet can no longer vouch for; NetworkUnavailable is not the kubelet's. */
    private static final List<String> KUBELET_CONDITIONS =
        List.of(NodeCondition.READY, MEMORY_PRESSURE, DISK_PRESSURE, PID_PRESSURE);

    private NodeConditions() {
    }

    static NodeCondition ready(Node node) {
        return find(node.status() == null ? null : node.status().conditions(), NodeCondition.READY);
    }

    static NodeCondition find(List<NodeCondition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }

    static boolean isTrue(List<NodeCondition> conditions, String type) {
        NodeCondition condition = find(conditions, type);
        return condition != null && Condition.TRUE.equals(condition.status());
    }

    /**
     * The conditions of a node whose kubelet went silent: Ready and the pressure conditions become Unknown
     * ("Kubelet stopped posting node status."), keeping their last heartbeat; those the kubelet never posted
     * are added as Unknown ("Kubelet never posted node status."), as Kubernetes' tryUpdateNodeHealth does.
     */
    static List<NodeCondition> silenced(List<NodeCondition> conditions, String creationTimestamp, String now) {
        List<NodeCondition> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        for (String type : KUBELET_CONDITIONS) {
            NodeCondition current = find(result, type);
            if (current == null) {
                result.add(new NodeCondition(type, Condition.UNKNOWN, creationTimestamp, now,
                    NODE_STATUS_NEVER_UPDATED, "Kubelet never posted node status.", null));
            } else if (!Condition.UNKNOWN.equals(current.status())) {
                result.set(result.indexOf(current), new NodeCondition(type, Condition.UNKNOWN,
                    current.lastHeartbeatTime(), now, NODE_STATUS_UNKNOWN, "Kubelet stopped posting node status.",
                    current.extra()));
            }
        }
        return List.copyOf(result);
    }
}
