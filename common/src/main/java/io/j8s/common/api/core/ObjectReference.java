package io.j8s.common.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectReference(
        String apiVersion,
        String kind,
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        String fieldPath,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ObjectReference {
        extra = Extra.copyOf(extra);
    }

    /** A reference to {@code object} as it is now (with its uid and resourceVersion). */
    public static ObjectReference to(KubeObject<?> object) {
        ObjectMeta meta = object.metadata();
        return new ObjectReference(object.apiVersion(), object.kind(), meta.namespace(), meta.name(), meta.uid(),
                meta.resourceVersion(), null, null);
    }
}
