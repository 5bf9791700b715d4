package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** metav1.DeleteOptions; propagationPolicy is Orphan, Background or Foreground. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteOptions(
        String apiVersion,
        String kind,
        String propagationPolicy,
        Long gracePeriodSeconds,
        Preconditions preconditions,
        List<String> dryRun,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String BACKGROUND = "Background";
    public static final String FOREGROUND = "Foreground";
    public static final String ORPHAN = "Orphan";

    public DeleteOptions {
        extra = Extra.copyOf(extra);
    }

    /** No options: the server's defaults (for most kinds, background propagation). */
    public static DeleteOptions defaults() {
        return new DeleteOptions("v1", "DeleteOptions", null, null, null, null, null);
    }

    public static DeleteOptions propagation(String policy) {
        return defaults().withPropagationPolicy(policy);
    }

    public DeleteOptions withPropagationPolicy(String value) {
        return new DeleteOptions(apiVersion, kind, value, gracePeriodSeconds, preconditions, dryRun, extra);
    }

    public DeleteOptions withGracePeriodSeconds(Long value) {
        return new DeleteOptions(apiVersion, kind, propagationPolicy, value, preconditions, dryRun, extra);
    }

    /** Delete only if the stored object still has this uid / resourceVersion (either may be null). */
    public DeleteOptions withPreconditions(String uid, String resourceVersion) {
        return new DeleteOptions(apiVersion, kind, propagationPolicy, gracePeriodSeconds,
                new Preconditions(uid, resourceVersion, null), dryRun, extra);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preconditions(
            String uid,
            String resourceVersion,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Preconditions {
            extra = Extra.copyOf(extra);
        }
    }
}
