package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** Pods matching labelSelector (in namespaces) on nodes sharing the same topologyKey value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodAffinityTerm(
        LabelSelector labelSelector,
        List<String> namespaces,
        String topologyKey,
        LabelSelector namespaceSelector,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PodAffinityTerm {
        extra = Extra.copyOf(extra);
    }
}
