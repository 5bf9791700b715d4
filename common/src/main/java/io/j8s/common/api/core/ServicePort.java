package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.IntOrString;
import io.j8s.common.json.Extra;
import java.util.Map;

/** targetPort is a number or the name of a container port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicePort(
        String name,
        String protocol,
        Integer port,
        IntOrString targetPort,
        Integer nodePort,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ServicePort {
        extra = Extra.copyOf(extra);
    }

    public static ServicePort of(String name, int port, IntOrString targetPort) {
        return new ServicePort(name, null, port, targetPort, null, null);
    }

    public ServicePort withNodePort(Integer value) {
        return new ServicePort(name, protocol, port, targetPort, value, extra);
    }
}
