package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSubset(
        List<EndpointAddress> addresses,
        List<EndpointAddress> notReadyAddresses,
        List<EndpointPort> ports,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EndpointSubset {
        extra = Extra.copyOf(extra);
    }

    public static EndpointSubset of(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses, List<EndpointPort> ports) {
        return new EndpointSubset(addresses, notReadyAddresses, ports, null);
    }
}
