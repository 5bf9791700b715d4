package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * rbac.authorization.k8s.io/v1 ClusterRole (cluster-scoped): rules granted everywhere through a ClusterRoleBinding,
 * or in one namespace through a RoleBinding. {@code aggregationRule} is kept but not acted on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterRole(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        List<PolicyRule> rules,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubeObject<ClusterRole> {

    public static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    public static final String KIND = "ClusterRole";

    public ClusterRole {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        rules = rules == null ? List.of() : List.copyOf(rules);
        extra = Extra.copyOf(extra);
    }

    public static ClusterRole of(ObjectMeta metadata, List<PolicyRule> rules) {
        return new ClusterRole(null, null, metadata, rules, null);
    }

    public ClusterRole withMetadata(ObjectMeta value) {
        return new ClusterRole(apiVersion, kind, value, rules, extra);
    }
}
