package io.j8s.common.api.coordination;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

/** coordination.k8s.io/v1 Lease: node heartbeats and leader election. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        LeaseSpec spec,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Lease> {

    public static final String API_VERSION = "coordination.k8s.io/v1";
    public static final String KIND = "Lease";

    public Lease {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Lease of(ObjectMeta metadata, LeaseSpec spec) {
        return new Lease(null, null, metadata, spec, null);
    }

    public Lease withMetadata(ObjectMeta value) {
        return new Lease(apiVersion, kind, value, spec, extra);
    }

    public Lease withSpec(LeaseSpec value) {
        return new Lease(apiVersion, kind, metadata, value, extra);
    }
}
