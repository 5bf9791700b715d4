package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointPort(
        String name,
        Integer port,
        String protocol,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EndpointPort {
        extra = Extra.copyOf(extra);
    }

    public static EndpointPort of(String name, int port, String protocol) {
        return new EndpointPort(name, port, protocol, null);
    }
}
