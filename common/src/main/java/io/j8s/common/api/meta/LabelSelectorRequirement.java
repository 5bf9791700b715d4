package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** One matchExpressions entry; operator is In, NotIn, Exists or DoesNotExist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelectorRequirement(
        String key,
        String operator,
        List<String> values,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public LabelSelectorRequirement {
        extra = Extra.copyOf(extra);
    }

    public static LabelSelectorRequirement of(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, values.length == 0 ? null : List.of(values), null);
    }
}
