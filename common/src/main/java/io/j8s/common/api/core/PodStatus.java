package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** phase is Pending, Running, Succeeded, Failed or Unknown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodStatus(
        String phase,
        List<PodCondition> conditions,
        String message,
        String reason,
        String nominatedNodeName,
        String hostIP,
        String podIP,
        List<PodIP> podIPs,
        String startTime,
        List<ContainerStatus> initContainerStatuses,
        List<ContainerStatus> containerStatuses,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String UNKNOWN = "Unknown";

    public PodStatus {
        extra = Extra.copyOf(extra);
    }

    public static PodStatus of(String phase) {
        return new PodStatus(phase, null, null, null, null, null, null, null, null, null, null, null);
    }

    public PodStatus withPhase(String value) {
        return new PodStatus(value, conditions, message, reason, nominatedNodeName, hostIP, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withConditions(List<PodCondition> value) {
        return new PodStatus(phase, value, message, reason, nominatedNodeName, hostIP, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withMessage(String value) {
        return new PodStatus(phase, conditions, value, reason, nominatedNodeName, hostIP, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withReason(String value) {
        return new PodStatus(phase, conditions, message, value, nominatedNodeName, hostIP, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withNominatedNodeName(String value) {
        return new PodStatus(phase, conditions, message, reason, value, hostIP, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withHostIP(String value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, value, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withPodIP(String value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, value, podIPs, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withPodIPs(List<PodIP> value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, podIP, value, startTime, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withStartTime(String value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, podIP, podIPs, value, initContainerStatuses, containerStatuses, extra);
    }

    public PodStatus withInitContainerStatuses(List<ContainerStatus> value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, podIP, podIPs, startTime, value, containerStatuses, extra);
    }

    public PodStatus withContainerStatuses(List<ContainerStatus> value) {
        return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, podIP, podIPs, startTime, initContainerStatuses, value, extra);
    }
}
