package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** phase is Active or Terminating. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamespaceStatus(
        String phase,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String ACTIVE = "Active";
    public static final String TERMINATING = "Terminating";

    public NamespaceStatus {
        extra = Extra.copyOf(extra);
    }

    public static NamespaceStatus of(String phase) {
        return new NamespaceStatus(phase, null);
    }
}
