package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.Map;

/** rbac/v1 Subject: who a binding grants to, a {@code User}, a {@code Group} or a {@code ServiceAccount}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Subject(
        String kind,
        String apiGroup,
        String name,
        String namespace,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public Subject {
        extra = Extra.copyOf(extra);
    }

    public static Subject user(String name) {
        return new Subject(USER, RoleRef.GROUP, name, null, null);
    }

    public static Subject group(String name) {
        return new Subject(GROUP, RoleRef.GROUP, name, null, null);
    }
}
