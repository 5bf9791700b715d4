package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightedPodAffinityTerm(
        Integer weight,
        PodAffinityTerm podAffinityTerm,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public WeightedPodAffinityTerm {
        extra = Extra.copyOf(extra);
    }
}
