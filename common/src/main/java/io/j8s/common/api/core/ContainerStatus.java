package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(
        String name,
        ContainerState state,
        ContainerState lastState,
        Boolean ready,
        Integer restartCount,
        String image,
        String imageID,
        String containerID,
        Boolean started,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ContainerStatus {
        extra = Extra.copyOf(extra);
    }

    public static ContainerStatus of(String name, String image, ContainerState state) {
        return new ContainerStatus(name, state, null, false, 0, image, null, null, false, null);
    }

    public ContainerStatus withState(ContainerState value) {
        return new ContainerStatus(name, value, lastState, ready, restartCount, image, imageID, containerID, started, extra);
    }

    public ContainerStatus withLastState(ContainerState value) {
        return new ContainerStatus(name, state, value, ready, restartCount, image, imageID, containerID, started, extra);
    }

    public ContainerStatus withReady(Boolean value) {
        return new ContainerStatus(name, state, lastState, value, restartCount, image, imageID, containerID, started, extra);
    }

    public ContainerStatus withRestartCount(Integer value) {
        return new ContainerStatus(name, state, lastState, ready, value, image, imageID, containerID, started, extra);
    }

    public ContainerStatus withImageID(String value) {
        return new ContainerStatus(name, state, lastState, ready, restartCount, image, value, containerID, started, extra);
    }

    public ContainerStatus withContainerID(String value) {
        return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, value, started, extra);
    }

    public ContainerStatus withStarted(Boolean value) {
        return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, containerID, value, extra);
    }
}
