package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** type is InternalIP, ExternalIP or Hostname. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeAddress(
        String type,
        String address,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public NodeAddress {
        extra = Extra.copyOf(extra);
    }

    public static NodeAddress of(String type, String address) {
        return new NodeAddress(type, address, null);
    }
}
