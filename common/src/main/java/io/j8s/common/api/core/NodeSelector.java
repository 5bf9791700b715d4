package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** Terms are ORed; a node matches if any term matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelector(
        List<NodeSelectorTerm> nodeSelectorTerms,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeSelector {
        extra = Extra.copyOf(extra);
    }
}
