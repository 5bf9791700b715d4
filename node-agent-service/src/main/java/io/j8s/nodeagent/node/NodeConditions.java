package io.j8s.nodeagent.node;

import io.j8s.common.api.core.NodeCondition;
import java.util.List;

/**
 * The four conditions the kubelet reports on its Node, from what this agent can observe: Ready while its container
 * runtime answers, and the pressure conditions from the host's free memory, disk and process ids.
 */
public record NodeConditions(boolean runtimeUp, String runtimeProblem, boolean memoryPressure, boolean diskPressure,
        boolean pidPressure) {

    public static NodeConditions healthy() {
        return new NodeConditions(true, null, false, false, false);
    }

    /** The conditions without heartbeat or transition times (those are set when written). */
    public List<NodeCondition> toConditions() {
        return List.of(
            pressure("MemoryPressure", memoryPressure, "KubeletHasInsufficientMemory", "kubelet has insufficient memory available",
                "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            pressure("DiskPressure", diskPressure, "KubeletHasDiskPressure", "kubelet has disk pressure",
                "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            pressure("PIDPressure", pidPressure, "KubeletHasInsufficientPID", "kubelet has insufficient PID available",
                "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            runtimeUp ? NodeCondition.of(NodeCondition.READY, "True", "KubeletReady", "kubelet is posting ready status")
                : NodeCondition.of(NodeCondition.READY, "False", "KubeletNotReady",
                    "container runtime is down: " + runtimeProblem));
    }

    private static NodeCondition pressure(String type, boolean under, String reasonTrue, String messageTrue,
            String reasonFalse, String messageFalse) {
        return under ? NodeCondition.of(type, "True", reasonTrue, messageTrue)
            : NodeCondition.of(type, "False", reasonFalse, messageFalse);
    }
}
