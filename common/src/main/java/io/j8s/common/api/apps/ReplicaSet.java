package io.j8s.common.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** apps/v1 ReplicaSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSet(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ReplicaSetSpec spec,
        ReplicaSetStatus status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<ReplicaSet> {

    public static final String API_VERSION = "apps/v1";
    public static final String KIND = "ReplicaSet";

    public ReplicaSet {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static ReplicaSet of(ObjectMeta metadata, ReplicaSetSpec spec) {
        return new ReplicaSet(null, null, metadata, spec, null, null);
    }

    public ReplicaSet withMetadata(ObjectMeta value) {
        return new ReplicaSet(apiVersion, kind, value, spec, status, extra);
    }

    public ReplicaSet withSpec(ReplicaSetSpec value) {
        return new ReplicaSet(apiVersion, kind, metadata, value, status, extra);
    }

    public ReplicaSet withStatus(ReplicaSetStatus value) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, value, extra);
    }
}
