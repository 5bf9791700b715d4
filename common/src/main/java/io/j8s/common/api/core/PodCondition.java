package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is PodScheduled, Initialized, ContainersReady or Ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodCondition(
        String type,
        String status,
        String lastProbeTime,
        String lastTransitionTime,
        String reason,
        String message,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Condition<PodCondition> {

    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String INITIALIZED = "Initialized";
    public static final String CONTAINERS_READY = "ContainersReady";
    public static final String READY = "Ready";

    public PodCondition {
        extra = Extra.copyOf(extra);
    }

    public static PodCondition of(String type, String status, String reason, String message) {
        return new PodCondition(type, status, null, null, reason, message, null);
    }

    public PodCondition withLastTransitionTime(String value) {
        return new PodCondition(type, status, lastProbeTime, value, reason, message, extra);
    }
}
