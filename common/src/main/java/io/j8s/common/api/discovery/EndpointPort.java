package io.j8s.common.api.discovery;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/**
 * A port every endpoint of an {@link EndpointSlice} serves (discovery/v1, not core/v1's EndpointPort): the Service
 * port's name, the number to reach the pods on, protocol and appProtocol.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointPort(
        String name,
        Integer port,
        String protocol,
        String appProtocol,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EndpointPort {
        extra = Extra.copyOf(extra);
    }

    public static EndpointPort of(String name, Integer port, String protocol) {
        return new EndpointPort(name, port, protocol, null, null);
    }
}
