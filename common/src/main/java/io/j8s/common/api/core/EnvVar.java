package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** An environment variable: a literal value or, through the downward API, a field of the pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(
        String name,
        String value,
        Source valueFrom,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public EnvVar {
        extra = Extra.copyOf(extra);
    }

    public static EnvVar of(String name, String value) {
        return new EnvVar(name, value, null, null);
    }

    /** A variable read from the pod itself, e.g. {@code fromField("POD_IP", "status.podIP")}. */
    public static EnvVar fromField(String name, String fieldPath) {
        return new EnvVar(name, null, new Source(new FieldRef(null, fieldPath, null), null), null);
    }

    /** EnvVarSource; secretKeyRef, configMapKeyRef and the like stay in {@code extra}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            FieldRef fieldRef,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Source {
            extra = Extra.copyOf(extra);
        }
    }

    /** ObjectFieldSelector: {@code fieldPath} such as metadata.name or status.podIP. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldRef(
            String apiVersion,
            String fieldPath,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public FieldRef {
            extra = Extra.copyOf(extra);
        }
    }
}
