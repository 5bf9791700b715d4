package io.j8s.common.api.discovery;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/**
 * An endpoint's state: {@code ready} (take new traffic), {@code serving} (the pod's readiness, even while it
 * terminates) and {@code terminating}. A missing value means unknown, which consumers read as ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointConditions(
        Boolean ready,
        Boolean serving,
        Boolean terminating,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EndpointConditions {
        extra = Extra.copyOf(extra);
    }

    public static EndpointConditions of(boolean ready, boolean serving, boolean terminating) {
        return new EndpointConditions(ready, serving, terminating, null);
    }
}
