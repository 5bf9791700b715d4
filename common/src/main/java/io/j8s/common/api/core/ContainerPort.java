package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerPort(
        String name,
        Integer containerPort,
        Integer hostPort,
        String protocol,
        String hostIP,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ContainerPort {
        extra = Extra.copyOf(extra);
    }

    public static ContainerPort of(int containerPort) {
        return new ContainerPort(null, containerPort, null, null, null, null);
    }

    public static ContainerPort of(String name, int containerPort) {
        return new ContainerPort(name, containerPort, null, null, null, null);
    }

    public ContainerPort withHostPort(Integer value) {
        return new ContainerPort(name, containerPort, value, protocol, hostIP, extra);
    }

    public ContainerPort withProtocol(String value) {
        return new ContainerPort(name, containerPort, hostPort, value, hostIP, extra);
    }

    public ContainerPort withHostIP(String value) {
        return new ContainerPort(name, containerPort, hostPort, protocol, value, extra);
    }
}
