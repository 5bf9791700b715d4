package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerReference(
        String apiVersion,
        String kind,
        String name,
        String uid,
        Boolean controller,
        Boolean blockOwnerDeletion,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public OwnerReference {
        extra = Extra.copyOf(extra);
    }

    /** The reference a controller puts on what it creates, as Go's metav1.NewControllerRef. */
    public static OwnerReference controllerOf(KubeObject<?> owner) {
        ObjectMeta meta = owner.metadata();
        return new OwnerReference(owner.apiVersion(), owner.kind(), meta.name(), meta.uid(), true, true, null);
    }
}
