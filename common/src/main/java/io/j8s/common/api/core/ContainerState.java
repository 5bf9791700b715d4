package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** Exactly one of waiting, running or terminated is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerState(
        Waiting waiting,
        Running running,
        Terminated terminated,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ContainerState {
        extra = Extra.copyOf(extra);
    }

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new Waiting(reason, message, null), null, null, null);
    }

    public static ContainerState running(String startedAt) {
        return new ContainerState(null, new Running(startedAt, null), null, null);
    }

    public static ContainerState terminated(int exitCode, String reason, String message, String startedAt,
            String finishedAt, String containerID) {
        return new ContainerState(null, null,
                new Terminated(exitCode, reason, message, startedAt, finishedAt, containerID, null), null);
    }

    /** reason is e.g. ContainerCreating, CrashLoopBackOff, ErrImagePull. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Waiting(
            String reason,
            String message,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Waiting {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Running(
            String startedAt,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Running {
            extra = Extra.copyOf(extra);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Terminated(
            Integer exitCode,
            String reason,
            String message,
            String startedAt,
            String finishedAt,
            String containerID,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Terminated {
            extra = Extra.copyOf(extra);
        }
    }
}
