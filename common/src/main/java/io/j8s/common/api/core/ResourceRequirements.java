package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** Requests and limits as Kubernetes quantities ({@code cpu: 500m}, {@code memory: 128Mi}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRequirements(
        Map<String, String> requests,
        Map<String, String> limits,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ResourceRequirements {
        extra = Extra.copyOf(extra);
    }

    public static ResourceRequirements of(Map<String, String> requests, Map<String, String> limits) {
        return new ResourceRequirements(requests, limits, null);
    }
}
