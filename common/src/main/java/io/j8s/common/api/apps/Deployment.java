package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** apps/v1 Deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        DeploymentSpec spec,
        DeploymentStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Deployment> {

    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "Deployment";

    public Deployment {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Deployment of(ObjectMeta metadata, DeploymentSpec spec) {
        return new Deployment(null, null, metadata, spec, null, null);
    }

    public Deployment withMetadata(ObjectMeta value) {
        return new Deployment(apiVersion, kind, value, spec, status, extra);
    }

    public Deployment withSpec(DeploymentSpec value) {
        return new Deployment(apiVersion, kind, metadata, value, status, extra);
    }

    public Deployment withStatus(DeploymentStatus value) {
        return new Deployment(apiVersion, kind, metadata, spec, value, extra);
    }
}
