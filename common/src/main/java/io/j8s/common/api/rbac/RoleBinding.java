package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** rbac.authorization.k8s.io/v1 RoleBinding: grants a Role or ClusterRole to subjects in one namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleBinding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<Subject> subjects,
        RoleRef roleRef,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<RoleBinding> {

    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "RoleBinding";

    public RoleBinding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        extra = Extra.copyOf(extra);
    }

    public static RoleBinding of(ObjectMeta metadata, RoleRef roleRef, List<Subject> subjects) {
        return new RoleBinding(null, null, metadata, subjects, roleRef, null);
    }

    public RoleBinding withMetadata(ObjectMeta value) {
        return new RoleBinding(apiVersion, kind, value, subjects, roleRef, extra);
    }
}
