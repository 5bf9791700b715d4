package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeCondition(
        String type,
        String status,
        String lastHeartbeatTime,
        String lastTransitionTime,
        String reason,
        String message,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Condition<NodeCondition> {

    public static final String READY = "Ready";

    public NodeCondition {
        extra = Extra.copyOf(extra);
    }

    public static NodeCondition of(String type, String status, String reason, String message) {
        return new NodeCondition(type, status, null, null, reason, message, null);
    }

    public NodeCondition withLastHeartbeatTime(String value) {
        return new NodeCondition(type, status, value, lastTransitionTime, reason, message, extra);
    }

    public NodeCondition withLastTransitionTime(String value) {
        return new NodeCondition(type, status, lastHeartbeatTime, value, reason, message, extra);
    }
}
