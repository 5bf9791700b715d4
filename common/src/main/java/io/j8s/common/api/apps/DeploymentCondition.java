package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is Available, Progressing or ReplicaFailure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentCondition(
        String type,
        String status,
        String lastUpdateTime,
        String lastTransitionTime,
        String reason,
        String message,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Condition<DeploymentCondition> {

    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    public DeploymentCondition {
        extra = Extra.copyOf(extra);
    }

    public static DeploymentCondition of(String type, String status, String reason, String message) {
        return new DeploymentCondition(type, status, null, null, reason, message, null);
    }

    public DeploymentCondition withLastUpdateTime(String value) {
        return new DeploymentCondition(type, status, value, lastTransitionTime, reason, message, extra);
    }

    public DeploymentCondition withLastTransitionTime(String value) {
        return new DeploymentCondition(type, status, lastUpdateTime, value, reason, message, extra);
    }
}
