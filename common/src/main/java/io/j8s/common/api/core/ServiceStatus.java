package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** loadBalancer.ingress is kept as plain JSON: j8s does not provision load balancers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(
        Map<String, Object> loadBalancer,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ServiceStatus {
        extra = Extra.copyOf(extra);
    }
}
