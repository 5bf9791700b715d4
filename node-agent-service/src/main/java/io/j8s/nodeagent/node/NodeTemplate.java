package io.j8s.nodeagent.node;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeAddress;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.core.NodeStatus;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this agent says about one of its Nodes: its name, labels, taints, resources, addresses, the port of its
 * endpoint (where the API server fetches container logs) and node info.
 */
public record NodeTemplate(
        String name,
        Map<String, String> labels,
        List<Taint> taints,
        Map<String, String> capacity,
        String address,
        int kubeletPort,
        Map<String, String> nodeInfo) {

    /** The Node to create: metadata, spec and a status without conditions. */
    public Node toNode() {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put("kubernetes.io/hostname", name);
        allLabels.put("kubernetes.io/os", "linux");
        allLabels.putIfAbsent("kubernetes.io/arch", "amd64".equals(System.getProperty("os.arch")) ? "amd64"
            : System.getProperty("os.arch"));
        NodeSpec spec = NodeSpec.empty().withTaints(taints.isEmpty() ? null : taints);
        return Node.of(ObjectMeta.named(name).withLabels(allLabels), spec).withStatus(status());
    }

    /** The status fields this agent owns, besides conditions. */
    public NodeStatus status() {
        return NodeStatus.empty()
            .withCapacity(capacity)
            .withAllocatable(capacity)
            .withAddresses(List.of(NodeAddress.of("InternalIP", address), NodeAddress.of("Hostname", name)))
            .withDaemonEndpoints(NodeStatus.DaemonEndpoints.kubelet(kubeletPort))
            .withNodeInfo(nodeInfo);
    }
}
