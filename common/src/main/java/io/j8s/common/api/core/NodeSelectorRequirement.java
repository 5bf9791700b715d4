package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** operator is In, NotIn, Exists, DoesNotExist, Gt or Lt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelectorRequirement(
        String key,
        String operator,
        List<String> values,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeSelectorRequirement {
        extra = Extra.copyOf(extra);
    }
}
