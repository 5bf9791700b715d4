package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * core/v1 PodSpec; fields j8s does not model (securityContext, dnsPolicy, ...) stay in {@code extra}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSpec(
        List<Container> containers,
        List<Container> initContainers,
        String nodeName,
        Map<String, String> nodeSelector,
        Affinity affinity,
        List<Toleration> tolerations,
        String restartPolicy,
        Long terminationGracePeriodSeconds,
        String schedulerName,
        Integer priority,
        String priorityClassName,
        Boolean hostNetwork,
        List<Volume> volumes,
        String serviceAccountName,
        Long activeDeadlineSeconds,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PodSpec {
        extra = Extra.copyOf(extra);
    }

    public static PodSpec of(List<Container> containers) {
        return new PodSpec(containers, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public List<Container> containersOrEmpty() {
        return containers == null ? List.of() : containers;
    }

    public List<Container> initContainersOrEmpty() {
        return initContainers == null ? List.of() : initContainers;
    }

    public List<Toleration> tolerationsOrEmpty() {
        return tolerations == null ? List.of() : tolerations;
    }

    public PodSpec withContainers(List<Container> value) {
        return new PodSpec(value, initContainers, nodeName, nodeSelector, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withInitContainers(List<Container> value) {
        return new PodSpec(containers, value, nodeName, nodeSelector, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withNodeName(String value) {
        return new PodSpec(containers, initContainers, value, nodeSelector, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withNodeSelector(Map<String, String> value) {
        return new PodSpec(containers, initContainers, nodeName, value, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withAffinity(Affinity value) {
        return new PodSpec(containers, initContainers, nodeName, nodeSelector, value, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withTolerations(List<Toleration> value) {
        return new PodSpec(containers, initContainers, nodeName, nodeSelector, affinity, value, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withRestartPolicy(String value) {
        return new PodSpec(containers, initContainers, nodeName, nodeSelector, affinity, tolerations, value, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withSchedulerName(String value) {
        return new PodSpec(containers, initContainers, nodeName, nodeSelector, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, value, priority, priorityClassName, hostNetwork, volumes, serviceAccountName, activeDeadlineSeconds, extra);
    }

    public PodSpec withVolumes(List<Volume> value) {
        return new PodSpec(containers, initContainers, nodeName, nodeSelector, affinity, tolerations, restartPolicy, terminationGracePeriodSeconds, schedulerName, priority, priorityClassName, hostNetwork, value, serviceAccountName, activeDeadlineSeconds, extra);
    }
}
