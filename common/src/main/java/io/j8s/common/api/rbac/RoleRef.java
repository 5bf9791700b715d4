package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** rbac/v1 RoleRef: the Role (same namespace) or ClusterRole a binding grants. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleRef(
        String apiGroup,
        String kind,
        String name,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String GROUP = "rbac.authorization.k8s.io";

    public RoleRef {
        extra = Extra.copyOf(extra);
    }

    public static RoleRef clusterRole(String name) {
        return new RoleRef(GROUP, ClusterRole.KIND, name, null);
    }

    public static RoleRef role(String name) {
        return new RoleRef(GROUP, Role.KIND, name, null);
    }
}
