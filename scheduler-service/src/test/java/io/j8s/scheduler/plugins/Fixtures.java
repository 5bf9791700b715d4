package io.j8s.scheduler.plugins;

import io.j8s.common.api.core.Affinity;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeAffinity;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.core.NodeStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAffinity;
import io.j8s.common.api.core.PodAffinityTerm;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.ResourceRequirements;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for the nodes, pods and cycle states plugin tests need. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A Ready node with 4 cpu, 8Gi and room for 110 pods, unless changed. */
    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    /** A pod in namespace {@code default} with no containers until {@link PodBuilder#container} adds some. */
    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** A cycle whose snapshot is exactly these nodes. */
    public static CycleState cycle(NodeInfo... nodes) {
        return new CycleState(new Snapshot(List.of(nodes)));
    }

    /** Runs PreFilter (when the plugin has one) and Filter as the scheduling loop would. */
    public static FilterResult filter(FilterPlugin plugin, Pod pod, NodeInfo node, NodeInfo... others) {
        List<NodeInfo> all = new ArrayList<>();
        all.add(node);
        all.addAll(Arrays.asList(others));
        CycleState state = cycle(all.toArray(NodeInfo[]::new));
        if (plugin instanceof PreFilterPlugin pre) {
            FilterResult result = pre.preFilter(state, pod);
            if (!result.fits()) {
                return result;
            }
        }
        return plugin.filter(state, pod, node);
    }

    /** Scores every node then normalizes, as the scheduling loop does; node name to final score, in node order. */
    public static Map<String, Long> scores(ScorePlugin plugin, Pod pod, NodeInfo... nodes) {
        CycleState state = cycle(nodes);
        Map<String, Long> scores = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            scores.put(node.name(), plugin.score(state, pod, node));
        }
        plugin.normalize(state, pod, scores);
        return scores;
    }

    /** A term about pods with label {@code key=value}, by {@code topologyKey}. */
    public static PodAffinityTerm term(String topologyKey, String key, String value) {
        return new PodAffinityTerm(LabelSelector.matching(Map.of(key, value)), null, topologyKey, null, null);
    }

    private record Snapshot(List<NodeInfo> nodes) implements ClusterSnapshot {
        @Override
        public Optional<NodeInfo> node(String name) {
            return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
        }
    }

    public static final class NodeBuilder {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> allocatable = new LinkedHashMap<>(
                Map.of("cpu", "4", "memory", "8Gi", "pods", "110"));
        private final List<Taint> taints = new ArrayList<>();
        private Boolean unschedulable;
        private String ready = "True";

        private NodeBuilder(String name) {
            this.name = name;
        }

        public NodeBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public NodeBuilder cpu(String quantity) {
            allocatable.put("cpu", quantity);
            return this;
        }

        public NodeBuilder memory(String quantity) {
            allocatable.put("memory", quantity);
            return this;
        }

        public NodeBuilder pods(int count) {
            allocatable.put("pods", Integer.toString(count));
            return this;
        }

        public NodeBuilder taint(String key, String value, String effect) {
            taints.add(Taint.of(key, value, effect));
            return this;
        }

        public NodeBuilder unschedulable() {
            unschedulable = true;
            return this;
        }

        /** The Ready condition's status; null leaves the node without one. */
        public NodeBuilder ready(String status) {
            ready = status;
            return this;
        }

        public Node build() {
            List<NodeCondition> conditions = ready == null ? List.of()
                    : List.of(NodeCondition.of(NodeCondition.READY, ready, null, null));
            return Node.of(ObjectMeta.named(name).withLabels(Map.copyOf(labels)),
                            NodeSpec.empty().withUnschedulable(unschedulable).withTaints(List.copyOf(taints)))
                    .withStatus(NodeStatus.empty().withAllocatable(Map.copyOf(allocatable)).withConditions(conditions));
        }

        /** The node with these pods on it. */
        public NodeInfo with(Pod... pods) {
            return new NodeInfo(build(), List.of(pods));
        }
    }

    public static final class PodBuilder {
        private ObjectMeta meta;
        private PodSpec spec = PodSpec.of(List.of());
        private final List<Container> containers = new ArrayList<>();
        private final List<Container> initContainers = new ArrayList<>();
        private final List<Toleration> tolerations = new ArrayList<>();
        private NodeAffinity nodeAffinity;
        private PodAffinity podAffinity;
        private PodAntiAffinity podAntiAffinity;

        private PodBuilder(String name) {
            meta = ObjectMeta.of("default", name);
        }

        public PodBuilder namespace(String namespace) {
            meta = meta.withNamespace(namespace);
            return this;
        }

        public PodBuilder label(String key, String value) {
            Map<String, String> labels = new LinkedHashMap<>(meta.labelsOrEmpty());
            labels.put(key, value);
            meta = meta.withLabels(labels);
            return this;
        }

        public PodBuilder ownedBy(String uid) {
            meta = meta.withOwnerReferences(List.of(
                    new OwnerReference("apps/v1", "ReplicaSet", "rs-" + uid, uid, true, true, null)));
            return this;
        }

        public PodBuilder deleting() {
            meta = meta.withDeletionTimestamp("2024-01-01T00:00:00Z");
            return this;
        }

        /** A container requesting these quantities; null requests nothing of that resource. */
        public PodBuilder container(String cpu, String memory) {
            containers.add(container("c" + containers.size(), cpu, memory));
            return this;
        }

        public PodBuilder initContainer(String cpu, String memory) {
            initContainers.add(container("init" + initContainers.size(), cpu, memory));
            return this;
        }

        /** A container binding {@code hostPort} (protocol and hostIP may be null for the defaults). */
        public PodBuilder hostPort(int port, String protocol, String hostIP) {
            containers.add(Container.of("p" + containers.size(), "nginx")
                    .withPorts(List.of(ContainerPort.of(80).withHostPort(port).withProtocol(protocol).withHostIP(hostIP))));
            return this;
        }

        public PodBuilder nodeName(String nodeName) {
            spec = spec.withNodeName(nodeName);
            return this;
        }

        public PodBuilder nodeSelector(Map<String, String> selector) {
            spec = spec.withNodeSelector(selector);
            return this;
        }

        public PodBuilder toleration(String key, String operator, String value, String effect) {
            tolerations.add(Toleration.of(key, operator, value, effect));
            return this;
        }

        public PodBuilder nodeAffinity(NodeAffinity affinity) {
            nodeAffinity = affinity;
            return this;
        }

        public PodBuilder podAffinity(PodAffinity affinity) {
            podAffinity = affinity;
            return this;
        }

        public PodBuilder podAntiAffinity(PodAntiAffinity affinity) {
            podAntiAffinity = affinity;
            return this;
        }

        public Pod build() {
            Affinity affinity = nodeAffinity == null && podAffinity == null && podAntiAffinity == null ? null
                    : new Affinity(nodeAffinity, podAffinity, podAntiAffinity, null);
            return Pod.of(meta, spec.withContainers(List.copyOf(containers))
                    .withInitContainers(initContainers.isEmpty() ? null : List.copyOf(initContainers))
                    .withTolerations(tolerations.isEmpty() ? null : List.copyOf(tolerations))
                    .withAffinity(affinity));
        }

        private static Container container(String name, String cpu, String memory) {
            Map<String, String> requests = new LinkedHashMap<>();
            if (cpu != null) {
                requests.put("cpu", cpu);
            }
            if (memory != null) {
                requests.put("memory", memory);
            }
            return Container.of(name, "busybox")
                    .withResources(requests.isEmpty() ? null : ResourceRequirements.of(requests, null));
        }
    }
}
