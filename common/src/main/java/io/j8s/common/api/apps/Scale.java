package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** autoscaling/v1 Scale: the {@code /scale} subresource of Deployments and ReplicaSets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scale(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String API_VERSION = "autoscaling/v1";
    public static final String KIND = "Scale";

    public Scale {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Scale of(ObjectMeta metadata, int specReplicas, int statusReplicas, String selector) {
        return new Scale(null, null, metadata, new Spec(specReplicas, null), new Status(statusReplicas, selector, null), null);
    }

    public Scale withSpecReplicas(int replicas) {
        return new Scale(apiVersion, kind, metadata, new Spec(replicas, null), status, extra);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(
            Integer replicas,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Spec {
            extra = Extra.copyOf(extra);
        }
    }

    /** {@code selector} is the label selector in string form, e.g. {@code app=web}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            Integer replicas,
            String selector,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Status {
            extra = Extra.copyOf(extra);
        }
    }
}
