package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Service(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ServiceSpec spec,
        ServiceStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Service> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Service";

    public Service {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Service of(ObjectMeta metadata, ServiceSpec spec) {
        return new Service(null, null, metadata, spec, null, null);
    }

    public Service withMetadata(ObjectMeta value) {
        return new Service(apiVersion, kind, value, spec, status, extra);
    }

    public Service withSpec(ServiceSpec value) {
        return new Service(apiVersion, kind, metadata, value, status, extra);
    }

    public Service withStatus(ServiceStatus value) {
        return new Service(apiVersion, kind, metadata, spec, value, extra);
    }
}
