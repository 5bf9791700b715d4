package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is ReplicaFailure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetCondition(
        String type,
        String status,
        String lastTransitionTime,
        String reason,
        String message,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Condition<ReplicaSetCondition> {

    public ReplicaSetCondition {
        extra = Extra.copyOf(extra);
    }

    public static ReplicaSetCondition of(String type, String status, String reason, String message) {
        return new ReplicaSetCondition(type, status, null, reason, message, null);
    }

    public ReplicaSetCondition withLastTransitionTime(String value) {
        return new ReplicaSetCondition(type, status, value, reason, message, extra);
    }
}
