package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** Lets a pod onto nodes with a matching taint; operator Equal (default) or Exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Toleration(
        String key,
        String operator,
        String value,
        String effect,
        Long tolerationSeconds,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Toleration {
        extra = Extra.copyOf(extra);
    }

    public static Toleration of(String key, String operator, String value, String effect) {
        return new Toleration(key, operator, value, effect, null, null);
    }

    /**
     * Go's Toleration.ToleratesTaint: an empty effect matches every effect, an empty key with
     * Exists matches every taint, Equal compares values (a missing value is the empty string).
     */
    public boolean tolerates(Taint taint) {
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        if (operator == null || operator.isEmpty() || operator.equals("Equal")) {
            return orEmpty(value).equals(orEmpty(taint.value()));
        }
        return operator.equals("Exists");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
