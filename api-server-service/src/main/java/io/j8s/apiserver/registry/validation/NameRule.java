package io.j8s.apiserver.registry.validation;

import io.j8s.common.validation.Formats;
import java.util.List;

/**
 * How a kind's {@code metadata.name} must look (Kubernetes' per-kind ValidateNameFunc). Most kinds take a
 * DNS-1123 subdomain; Namespace a DNS-1123 label; Service a DNS-1035 label (it becomes a DNS name and an
 * environment variable prefix, so it must start with a letter).
 */
public enum NameRule {
    DNS1123_SUBDOMAIN,
    DNS1123_LABEL,
    DNS1035_LABEL,
    /** Any name that is one URL path segment (RBAC kinds: {@code system:node:node-1} is a valid ClusterRole name). */
    PATH_SEGMENT;

    /** The rule of a kind, by its Kubernetes kind name ({@code Pod}, {@code Namespace}, ...). */
    public static NameRule forKind(String kind) {
        return switch (kind) {
            case "Namespace" -> DNS1123_LABEL;
            case "Service" -> DNS1035_LABEL;
            case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding" -> PATH_SEGMENT;
            default -> DNS1123_SUBDOMAIN;
        };
    }

    /**
     * The messages for an invalid name, empty when valid. With {@code prefix} the value is a
     * {@code generateName}, which may end in a dash because random characters will follow.
     */
    public List<String> validate(String name, boolean prefix) {
        String value = prefix ? maskTrailingDash(name) : name;
        return switch (this) {
            case DNS1123_SUBDOMAIN -> Formats.isDns1123Subdomain(value);
            case DNS1123_LABEL -> Formats.isDns1123Label(value);
            case DNS1035_LABEL -> Formats.isDns1035Label(value);
            case PATH_SEGMENT -> pathSegment(name, prefix);
        };
    }

    /** apimachinery's {@code path.IsValidPathSegmentName} (and, for generateName, its prefix variant). */
    static List<String> pathSegment(String name, boolean prefix) {
        List<String> errors = new java.util.ArrayList<>();
        if (!prefix && (name.equals(".") || name.equals(".."))) {
            errors.add("may not be '" + name + "'");
        }
        for (String illegal : List.of("/", "%")) {
            if (name.contains(illegal)) {
                errors.add("may not contain '" + illegal + "'");
            }
        }
        return errors;
    }

    // as apimachinery's maskTrailingDash: "abc-" is checked as "aba"
    private static String maskTrailingDash(String name) {
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }
}
