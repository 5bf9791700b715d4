package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** Requirements within a term are ANDed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelectorTerm(
        List<NodeSelectorRequirement> matchExpressions,
        List<NodeSelectorRequirement> matchFields,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeSelectorTerm {
        extra = Extra.copyOf(extra);
    }
}
