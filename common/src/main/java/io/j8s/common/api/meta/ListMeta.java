package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListMeta(
        String resourceVersion,
        @JsonProperty("continue") String continueToken,
        Long remainingItemCount,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ListMeta {
        extra = Extra.copyOf(extra);
    }

    public static ListMeta of(String resourceVersion) {
        return new ListMeta(resourceVersion, null, null, null);
    }
}
