package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** core/v1 Endpoints: the ready (and not-ready) addresses behind a Service, by subset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoints(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<EndpointSubset> subsets,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Endpoints> {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Endpoints";

    public Endpoints {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        extra = Extra.copyOf(extra);
    }

    public static Endpoints of(ObjectMeta metadata, List<EndpointSubset> subsets) {
        return new Endpoints(null, null, metadata, subsets, null);
    }

    public Endpoints withMetadata(ObjectMeta value) {
        return new Endpoints(apiVersion, kind, value, subsets, extra);
    }

    public Endpoints withSubsets(List<EndpointSubset> value) {
        return new Endpoints(apiVersion, kind, metadata, value, extra);
    }
}
