package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetStatus(
        Integer replicas,
        Integer fullyLabeledReplicas,
        Integer readyReplicas,
        Integer availableReplicas,
        Long observedGeneration,
        List<ReplicaSetCondition> conditions,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ReplicaSetStatus {
        extra = Extra.copyOf(extra);
    }

    public static ReplicaSetStatus empty() {
        return new ReplicaSetStatus(null, null, null, null, null, null, null);
    }

    public ReplicaSetStatus withReplicas(Integer value) {
        return new ReplicaSetStatus(value, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, conditions, extra);
    }

    public ReplicaSetStatus withFullyLabeledReplicas(Integer value) {
        return new ReplicaSetStatus(replicas, value, readyReplicas, availableReplicas, observedGeneration, conditions, extra);
    }

    public ReplicaSetStatus withReadyReplicas(Integer value) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, value, availableReplicas, observedGeneration, conditions, extra);
    }

    public ReplicaSetStatus withAvailableReplicas(Integer value) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, value, observedGeneration, conditions, extra);
    }

    public ReplicaSetStatus withObservedGeneration(Long value) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, value, conditions, extra);
    }

    public ReplicaSetStatus withConditions(List<ReplicaSetCondition> value) {
        return new ReplicaSetStatus(replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration, value, extra);
    }
}
