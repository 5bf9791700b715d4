package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStatus(
        Long observedGeneration,
        Integer replicas,
        Integer updatedReplicas,
        Integer readyReplicas,
        Integer availableReplicas,
        Integer unavailableReplicas,
        List<DeploymentCondition> conditions,
        Integer collisionCount,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public DeploymentStatus {
        extra = Extra.copyOf(extra);
    }

    public static DeploymentStatus empty() {
        return new DeploymentStatus(null, null, null, null, null, null, null, null, null);
    }

    public DeploymentStatus withObservedGeneration(Long value) {
        return new DeploymentStatus(value, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount, extra);
    }

    public DeploymentStatus withReplicas(Integer value) {
        return new DeploymentStatus(observedGeneration, value, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount, extra);
    }

    public DeploymentStatus withUpdatedReplicas(Integer value) {
        return new DeploymentStatus(observedGeneration, replicas, value, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount, extra);
    }

    public DeploymentStatus withReadyReplicas(Integer value) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, value, availableReplicas, unavailableReplicas, conditions, collisionCount, extra);
    }

    public DeploymentStatus withAvailableReplicas(Integer value) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, value, unavailableReplicas, conditions, collisionCount, extra);
    }

    public DeploymentStatus withUnavailableReplicas(Integer value) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, value, conditions, collisionCount, extra);
    }

    public DeploymentStatus withConditions(List<DeploymentCondition> value) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, value, collisionCount, extra);
    }

    public DeploymentStatus withCollisionCount(Integer value) {
        return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, value, extra);
    }
}
