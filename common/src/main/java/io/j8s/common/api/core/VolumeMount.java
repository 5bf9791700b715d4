package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeMount(
        String name,
        String mountPath,
        Boolean readOnly,
        String subPath,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public VolumeMount {
        extra = Extra.copyOf(extra);
    }

    public static VolumeMount of(String name, String mountPath) {
        return new VolumeMount(name, mountPath, null, null, null);
    }
}
