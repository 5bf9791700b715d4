package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** effect is NoSchedule, PreferNoSchedule or NoExecute. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Taint(
        String key,
        String value,
        String effect,
        String timeAdded,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Taint {
        extra = Extra.copyOf(extra);
    }

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    public static Taint of(String key, String value, String effect) {
        return new Taint(key, value, effect, null, null);
    }

    public Taint withTimeAdded(String time) {
        return new Taint(key, value, effect, time, extra);
    }
}
