package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.IntOrString;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is RollingUpdate (default) or Recreate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStrategy(
        String type,
        RollingUpdate rollingUpdate,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public DeploymentStrategy {
        extra = Extra.copyOf(extra);
    }

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";

    public static DeploymentStrategy rollingUpdate(IntOrString maxSurge, IntOrString maxUnavailable) {
        return new DeploymentStrategy(ROLLING_UPDATE, new RollingUpdate(maxSurge, maxUnavailable, null), null);
    }

    public static DeploymentStrategy recreate() {
        return new DeploymentStrategy(RECREATE, null, null);
    }

    /** Absolute numbers or percentages of the desired replicas (see {@link IntOrString#scaledValue}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RollingUpdate(
            IntOrString maxSurge,
            IntOrString maxUnavailable,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public RollingUpdate {
            extra = Extra.copyOf(extra);
        }
    }
}
