package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointAddress(
        String ip,
        String hostname,
        String nodeName,
        ObjectReference targetRef,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EndpointAddress {
        extra = Extra.copyOf(extra);
    }

    public static EndpointAddress of(String ip, String nodeName, ObjectReference targetRef) {
        return new EndpointAddress(ip, null, nodeName, targetRef, null);
    }
}
