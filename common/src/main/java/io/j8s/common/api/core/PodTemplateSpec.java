package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** The pod a Deployment or ReplicaSet stamps out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodTemplateSpec(
        ObjectMeta metadata,
        PodSpec spec,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PodTemplateSpec {
        extra = Extra.copyOf(extra);
    }

    public static PodTemplateSpec of(ObjectMeta metadata, PodSpec spec) {
        return new PodTemplateSpec(metadata, spec, null);
    }

    public PodTemplateSpec withMetadata(ObjectMeta value) {
        return new PodTemplateSpec(value, spec, extra);
    }

    public PodTemplateSpec withSpec(PodSpec value) {
        return new PodTemplateSpec(metadata, value, extra);
    }
}
