package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** core/v1 Namespace (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Namespace(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        NamespaceSpec spec,
        NamespaceStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Namespace> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Namespace";

    public Namespace {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Namespace of(ObjectMeta metadata, NamespaceSpec spec) {
        return new Namespace(null, null, metadata, spec, null, null);
    }

    public Namespace withMetadata(ObjectMeta value) {
        return new Namespace(apiVersion, kind, value, spec, status, extra);
    }

    public Namespace withSpec(NamespaceSpec value) {
        return new Namespace(apiVersion, kind, metadata, value, status, extra);
    }

    public Namespace withStatus(NamespaceStatus value) {
        return new Namespace(apiVersion, kind, metadata, spec, value, extra);
    }
}
