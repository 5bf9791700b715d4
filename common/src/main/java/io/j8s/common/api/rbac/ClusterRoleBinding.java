package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** rbac.authorization.k8s.io/v1 ClusterRoleBinding (cluster-scoped): grants a ClusterRole everywhere. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterRoleBinding(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<Subject> subjects,
        RoleRef roleRef,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<ClusterRoleBinding> {

    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "ClusterRoleBinding";

    public ClusterRoleBinding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        extra = Extra.copyOf(extra);
    }

    public static ClusterRoleBinding of(ObjectMeta metadata, RoleRef roleRef, List<Subject> subjects) {
        return new ClusterRoleBinding(null, null, metadata, subjects, roleRef, null);
    }

    public ClusterRoleBinding withMetadata(ObjectMeta value) {
        return new ClusterRoleBinding(apiVersion, kind, value, subjects, roleRef, extra);
    }
}
