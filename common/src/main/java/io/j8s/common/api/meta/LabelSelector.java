package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** metav1.LabelSelector as it appears in specs; turn it into a matcher with {@code labels.Selector.from}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelector(
        Map<String, String> matchLabels,
        List<LabelSelectorRequirement> matchExpressions,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public LabelSelector {
        extra = Extra.copyOf(extra);
    }

    public static LabelSelector matching(Map<String, String> labels) {
        return new LabelSelector(labels, null, null);
    }
}
