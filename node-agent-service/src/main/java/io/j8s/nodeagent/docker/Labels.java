package io.j8s.nodeagent.docker;

import io.j8s.common.api.core.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on every container and volume the agent creates. They are the agent's memory: a restarted agent
 * finds its pods' containers by them (and the restart count and published ports with them), and an agent only
 * ever touches containers labelled with its own node name, since several agents and test runs share one dockerd.
 * The pod labels are the kubelet's own names.
 */
public final class Labels {

    public static final String NODE = "io.j8s.node";
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
    /** On the sandbox: JSON of every published port, {@code {"8080/TCP": 41234}} (declared and probe ports). */
    public static final String HOST_PORTS = "io.j8s.host-ports";
    /** On the sandbox: JSON of the declared ports only, what the pod's {@code j8s.io/host-ports} annotation says. */
    public static final String DECLARED_HOST_PORTS = "io.j8s.declared-host-ports";
    /** On the sandbox of a {@code hostNetwork} pod: it uses the host's network, the pod IP is the node's. */
    public static final String HOST_NETWORK = "io.j8s.host-network";
    /** The container name the sandbox carries, as the kubelet's "POD". */
    public static final String SANDBOX = "POD";

    private Labels() {
    }

    /** The labels of one of the pod's containers ({@link #SANDBOX} for its sandbox). */
    public static Map<String, String> of(String node, Pod pod, String containerName, int restartCount) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NODE, node);
        labels.put(POD_UID, pod.metadata().uid());
        labels.put(POD_NAMESPACE, pod.metadata().namespace());
        labels.put(POD_NAME, pod.metadata().name());
        labels.put(CONTAINER_NAME, containerName);
        labels.put(RESTART_COUNT, Integer.toString(restartCount));
        return labels;
    }

    /** The labels of a pod's volume. */
    public static Map<String, String> ofVolume(String node, Pod pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NODE, node);
        labels.put(POD_UID, pod.metadata().uid());
        labels.put(POD_NAMESPACE, pod.metadata().namespace());
        labels.put(POD_NAME, pod.metadata().name());
        return labels;
    }

    static int restartCount(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(RESTART_COUNT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code namespace/name} of the pod a container belongs to. */
    static String podKey(Map<String, String> labels) {
        return labels.get(POD_NAMESPACE) + "/" + labels.get(POD_NAME);
    }
}
