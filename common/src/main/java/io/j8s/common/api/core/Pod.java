package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pod(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        PodSpec spec,
        PodStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Pod> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Pod";

    public Pod {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Pod of(ObjectMeta metadata, PodSpec spec) {
        return new Pod(null, null, metadata, spec, null, null);
    }

    public Pod withMetadata(ObjectMeta value) {
        return new Pod(apiVersion, kind, value, spec, status, extra);
    }

    public Pod withSpec(PodSpec value) {
        return new Pod(apiVersion, kind, metadata, value, status, extra);
    }

    public Pod withStatus(PodStatus value) {
        return new Pod(apiVersion, kind, metadata, spec, value, extra);
    }
}
