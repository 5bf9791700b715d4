package io.j8s.apiserver.rbac;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.Subject;
import java.util.List;

/**
 * How one RBAC rule or subject matches a request, exactly as Kubernetes' {@code rbac/v1} helpers match them:
 * {@code *} matches every verb, group, resource and URL; {@code *&#47;status} matches the status subresource of
 * every resource; a rule with resourceNames matches only requests that name one of them; a non-resource URL ending in
 * {@code *} matches by prefix.
 */
public final class PolicyRules {

    public static final String ALL = "*";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private PolicyRules() {
    }

    /** Whether any of {@code rules} allows {@code request}. */
    public static boolean allow(RequestInfo request, List<PolicyRule> rules) {
        for (PolicyRule rule : rules) {
            if (allows(request, rule)) {
                return true;
            }
        }
        return false;
    }

    public static boolean allows(RequestInfo request, PolicyRule rule) {
        if (request.resourceRequest()) {
            return verbMatches(rule, request.verb())
                && apiGroupMatches(rule, request.apiGroup())
                && resourceMatches(rule, request.resourceWithSubresource(), request.subresource())
                && resourceNameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && nonResourceUrlMatches(rule, request.path());
    }

    static boolean verbMatches(PolicyRule rule, String verb) {
        return rule.verbs().contains(ALL) || rule.verbs().contains(verb);
    }

    static boolean apiGroupMatches(PolicyRule rule, String group) {
        return rule.apiGroups().contains(ALL) || rule.apiGroups().contains(group);
    }

    static boolean resourceMatches(PolicyRule rule, String combinedResource, String subresource) {
        for (String ruleResource : rule.resources()) {
            if (ruleResource.equals(ALL) || ruleResource.equals(combinedResource)) {
                return true;
            }
            if (!subresource.isEmpty() && ruleResource.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    static boolean resourceNameMatches(PolicyRule rule, String name) {
        return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
    }

    static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
        for (String url : rule.nonResourceURLs()) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a binding's subject names {@code user}: by user name, by one of its groups, or as the service account
     * {@code system:serviceaccount:<namespace>:<name>} (the namespace defaults to the binding's).
     */
    public static boolean appliesTo(Subject subject, UserInfo user, String bindingNamespace) {
        if (subject == null || subject.kind() == null || subject.name() == null) {
            return false;
        }
        return switch (subject.kind()) {
            case Subject.USER -> subject.name().equals(user.name());
            case Subject.GROUP -> user.inGroup(subject.name());
            case Subject.SERVICE_ACCOUNT -> {
                String namespace = subject.namespace() != null && !subject.namespace().isEmpty() ? subject.namespace()
                    : bindingNamespace;
                yield namespace != null && !namespace.isEmpty()
                    && user.name().equals(SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.name());
            }
            default -> false;
        };
    }
}
