package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/** rbac.authorization.k8s.io/v1 Role: rules that apply in the Role's namespace, through a RoleBinding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Role(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<PolicyRule> rules,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<Role> {

    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "Role";

    public Role {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        rules = rules == null ? List.of() : List.copyOf(rules);
        extra = Extra.copyOf(extra);
    }

    public static Role of(ObjectMeta metadata, List<PolicyRule> rules) {
        return new Role(null, null, metadata, rules, null);
    }

    public Role withMetadata(ObjectMeta value) {
        return new Role(apiVersion, kind, value, rules, extra);
    }
}
