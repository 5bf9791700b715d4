package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentSpec(
        Integer replicas,
        LabelSelector selector,
        PodTemplateSpec template,
        DeploymentStrategy strategy,
        Integer minReadySeconds,
        Integer revisionHistoryLimit,
        Boolean paused,
        Integer progressDeadlineSeconds,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public DeploymentSpec {
        extra = Extra.copyOf(extra);
    }

    public static DeploymentSpec of(int replicas, LabelSelector selector, PodTemplateSpec template) {
        return new DeploymentSpec(replicas, selector, template, null, null, null, null, null, null);
    }

    public DeploymentSpec withReplicas(Integer value) {
        return new DeploymentSpec(value, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withSelector(LabelSelector value) {
        return new DeploymentSpec(replicas, value, template, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withTemplate(PodTemplateSpec value) {
        return new DeploymentSpec(replicas, selector, value, strategy, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withStrategy(DeploymentStrategy value) {
        return new DeploymentSpec(replicas, selector, template, value, minReadySeconds, revisionHistoryLimit, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withMinReadySeconds(Integer value) {
        return new DeploymentSpec(replicas, selector, template, strategy, value, revisionHistoryLimit, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withRevisionHistoryLimit(Integer value) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, value, paused, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withPaused(Boolean value) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, value, progressDeadlineSeconds, extra);
    }

    public DeploymentSpec withProgressDeadlineSeconds(Integer value) {
        return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused, value, extra);
    }
}
