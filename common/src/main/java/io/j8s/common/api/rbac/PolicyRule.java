package io.j8s.common.api.rbac;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;

/**
 * rbac/v1 PolicyRule: verbs on resources of API groups (optionally only the named objects), or verbs on
 * non-resource URLs. {@code *} is a wildcard in every list.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PolicyRule(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames,
        List<String> nonResourceURLs,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public PolicyRule {
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
        resources = resources == null ? List.of() : List.copyOf(resources);
        resourceNames = resourceNames == null ? List.of() : List.copyOf(resourceNames);
        nonResourceURLs = nonResourceURLs == null ? List.of() : List.copyOf(nonResourceURLs);
        extra = Extra.copyOf(extra);
    }

    /** A rule on resources of the given API groups. */
    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, null, null, null);
    }

    /** A rule on non-resource URLs such as {@code /version} or {@code /apis/*}. */
    public static PolicyRule urls(List<String> verbs, List<String> nonResourceURLs) {
        return new PolicyRule(verbs, null, null, null, nonResourceURLs, null);
    }

    public PolicyRule withResourceNames(List<String> names) {
        return new PolicyRule(verbs, apiGroups, resources, names, nonResourceURLs, extra);
    }
}
