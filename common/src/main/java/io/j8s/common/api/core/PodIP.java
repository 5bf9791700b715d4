package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodIP(
        String ip,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PodIP {
        extra = Extra.copyOf(extra);
    }

    public static PodIP of(String ip) {
        return new PodIP(ip, null);
    }
}
