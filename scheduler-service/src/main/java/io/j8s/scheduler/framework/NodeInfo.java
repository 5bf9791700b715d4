package io.j8s.scheduler.framework;

import io.j8s.common.api.Quantities;
import io.j8s.common.api.core.Affinity;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.common.api.meta.Conditions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node with the pods on it (bound, and assumed by this scheduler but not yet seen bound) and what they add up
 * to: requested resources and host ports in use. Immutable: {@link #withPod} gives a new one.
 */
public final class NodeInfo {

    private final Node node;
    private final List<Pod> pods;
    private final ResourceList requested;
    private final ResourceList nonZeroRequested;
    private final Set<String> usedHostPorts;
    private final ResourceList allocatable;
    /** The pods with any pod (anti-)affinity, and those with a required anti-affinity: few, and all InterPodAffinity
     * needs of the pods already placed (kube-scheduler's PodsWithAffinity, PodsWithRequiredAntiAffinity). */
    private final List<Pod> podsWithAffinity;
    private final List<Pod> podsWithRequiredAntiAffinity;
    /** The status of the node's Ready condition ("Unknown" when it has none), looked up once per node object. */
    private final String readyStatus;

    public NodeInfo(Node node, List<Pod> pods) {
        this.node = node;
        this.allocatable = allocatableOf(node);
        this.pods = List.copyOf(pods);
        ResourceList sum = ResourceList.ZERO;
        ResourceList nonZero = ResourceList.ZERO;
        Set<String> ports = new HashSet<>();
        for (Pod pod : this.pods) {
            sum = sum.plus(PodRequests.of(pod));
            nonZero = nonZero.plus(PodRequests.nonZero(pod));
            ports.addAll(hostPorts(pod));
        }
        this.requested = sum;
        this.nonZeroRequested = nonZero;
        this.usedHostPorts = Collections.unmodifiableSet(ports);
        this.readyStatus = readyStatusOf(node);
        this.podsWithAffinity = this.pods.stream().filter(NodeInfo::hasPodAffinity).toList();
        this.podsWithRequiredAntiAffinity = this.pods.stream().filter(NodeInfo::hasRequiredAntiAffinity).toList();
    }

    public Node node() {
        return node;
    }

    public String name() {
        return node.metadata().name();
    }

    public List<Pod> pods() {
        return pods;
    }

    /** What the node offers pods: {@code status.allocatable} (cpu, memory, pods), parsed once. */
    public ResourceList allocatable() {
        return allocatable;
    }

    private static ResourceList allocatableOf(Node node) {
        Map<String, String> allocatable = node.status() == null ? null : node.status().allocatable();
        if (allocatable == null) {
            return ResourceList.ZERO;
        }
        return new ResourceList(
            allocatable.containsKey("cpu") ? Quantities.milliValue(allocatable.get("cpu")) : 0,
            allocatable.containsKey("memory") ? Quantities.value(allocatable.get("memory")) : 0,
            allocatable.containsKey("pods") ? Quantities.value(allocatable.get("pods")) : 0);
    }

    /** Sum of the requests of the pods on the node (the pod count is the number of pods). */
    public ResourceList requested() {
        return requested;
    }

    /** As {@link #requested()}, with containers that request nothing counted at the scoring defaults. */
    public ResourceList nonZeroRequested() {
        return nonZeroRequested;
    }

    /** The pods on the node with a pod affinity or anti-affinity of any kind. */
    public List<Pod> podsWithAffinity() {
        return podsWithAffinity;
    }

    /** The pods on the node with a required pod anti-affinity term. */
    public List<Pod> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity;
    }

    static boolean hasPodAffinity(Pod pod) {
        Affinity affinity = pod.spec().affinity();
        return affinity != null && (affinity.podAffinity() != null || affinity.podAntiAffinity() != null);
    }

    static boolean hasRequiredAntiAffinity(Pod pod) {
        Affinity affinity = pod.spec().affinity();
        PodAntiAffinity anti = affinity == null ? null : affinity.podAntiAffinity();
        return anti != null && anti.requiredDuringSchedulingIgnoredDuringExecution() != null
            && !anti.requiredDuringSchedulingIgnoredDuringExecution().isEmpty();
    }

    /** Host ports taken, as {@code protocol/hostIP/port} (hostIP "0.0.0.0" when unset). */
    public Set<String> usedHostPorts() {
        return usedHostPorts;
    }

    /** This node with one more pod: its numbers are added, nothing is recomputed (the scheduler assumes often). */
    public NodeInfo withPod(Pod pod) {
        List<Pod> more = new ArrayList<>(pods);
        more.add(pod);
        Set<String> ports = new HashSet<>(usedHostPorts);
        ports.addAll(hostPorts(pod));
        return new NodeInfo(node, more, allocatable, requested.plus(PodRequests.of(pod)),
            nonZeroRequested.plus(PodRequests.nonZero(pod)), Collections.unmodifiableSet(ports),
            hasPodAffinity(pod) ? plus(podsWithAffinity, pod) : podsWithAffinity,
            hasRequiredAntiAffinity(pod) ? plus(podsWithRequiredAntiAffinity, pod) : podsWithRequiredAntiAffinity);
    }

    private static List<Pod> plus(List<Pod> pods, Pod pod) {
        List<Pod> more = new ArrayList<>(pods);
        more.add(pod);
        return List.copyOf(more);
    }

    private NodeInfo(Node node, List<Pod> pods, ResourceList allocatable, ResourceList requested,
                     ResourceList nonZeroRequested, Set<String> usedHostPorts, List<Pod> podsWithAffinity,
                     List<Pod> podsWithRequiredAntiAffinity) {
        this.node = node;
        this.pods = List.copyOf(pods);
        this.allocatable = allocatable;
        this.requested = requested;
        this.nonZeroRequested = nonZeroRequested;
        this.usedHostPorts = usedHostPorts;
        this.podsWithAffinity = podsWithAffinity;
        this.podsWithRequiredAntiAffinity = podsWithRequiredAntiAffinity;
        this.readyStatus = readyStatusOf(node);
    }

    /** The node's Ready condition status: "True", "False" or "Unknown" (also when the node reports none). */
    public String readyStatus() {
        return readyStatus;
    }

    private static String readyStatusOf(Node node) {
        return Conditions.find(node.status() == null ? null : node.status().conditions(), NodeCondition.READY)
            .map(NodeCondition::status).orElse("Unknown");
    }

    /** The {@code protocol/hostIP/port} entries a pod's containers ask for. */
    public static Set<String> hostPorts(Pod pod) {
        Set<String> ports = new HashSet<>();
        for (List<Container> list : java.util.Arrays.asList(pod.spec().containers(), pod.spec().initContainers())) {
            if (list == null) {
                continue;
            }
            for (Container container : list) {
                if (container.ports() == null) {
                    continue;
                }
                for (ContainerPort port : container.ports()) {
                    if (port.hostPort() != null && port.hostPort() > 0) {
                        String protocol = port.protocol() == null ? "TCP" : port.protocol();
                        String ip = port.hostIP() == null || port.hostIP().isEmpty() ? "0.0.0.0" : port.hostIP();
                        ports.add(protocol + "/" + ip + "/" + port.hostPort());
                    }
                }
            }
        }
        return ports;
    }
}
