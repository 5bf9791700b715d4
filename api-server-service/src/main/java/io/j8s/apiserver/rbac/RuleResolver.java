package io.j8s.apiserver.rbac;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.rbac.ClusterRole;
import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.Role;
import io.j8s.common.api.rbac.RoleBinding;
import io.j8s.common.api.rbac.RoleRef;
import io.j8s.common.api.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The rules RBAC grants a user (after Kubernetes' {@code DefaultRuleResolver.VisitRulesFor}): every ClusterRole bound
 * to it by a ClusterRoleBinding, and in a namespace every Role or ClusterRole bound to it by a RoleBinding there. A
 * binding whose role does not exist grants nothing.
 */
@Component
public class RuleResolver {

    private final PolicySource cache;

    public RuleResolver(PolicySource cache) {
        this.cache = cache;
    }

    /** Whether some rule granted to {@code user} allows {@code request}; stops at the first that does. */
    public boolean allows(UserInfo user, RequestInfo request) {
        return visit(user, request.namespace(), rule -> PolicyRules.allows(request, rule));
    }

    /** Every rule granted to {@code user} in {@code namespace} (cluster-wide ones included). */
    public List<PolicyRule> rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        visit(user, namespace, rule -> {
            rules.add(rule);
            return false;
        });
        return rules;
    }

    /** The rules a binding's roleRef grants in {@code namespace} (Roles live there), or empty when it is missing. */
    public Optional<List<PolicyRule>> rulesOf(RoleRef ref, String namespace) {
        if (ref == null || ref.name() == null) {
            return Optional.empty();
        }
        if (ClusterRole.KIND.equals(ref.kind())) {
            return cache.clusterRoleRules(ref.name());
        }
        if (Role.KIND.equals(ref.kind()) && namespace != null && !namespace.isEmpty()) {
            return cache.roleRules(namespace, ref.name());
        }
        return Optional.empty();
    }

    /** Visits the user's rules until {@code visitor} answers true; returns whether it did. */
    private boolean visit(UserInfo user, String namespace, Predicate<PolicyRule> visitor) {
        for (ClusterRoleBinding binding : cache.clusterRoleBindings()) {
            if (appliesTo(binding.subjects(), user, "") && anyRule(rulesOf(binding.roleRef(), ""), visitor)) {
                return true;
            }
        }
        if (namespace == null || namespace.isEmpty()) {
            return false;
        }
        for (RoleBinding binding : cache.roleBindings(namespace)) {
            if (appliesTo(binding.subjects(), user, namespace) && anyRule(rulesOf(binding.roleRef(), namespace),
                visitor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean appliesTo(List<Subject> subjects, UserInfo user, String namespace) {
        for (Subject subject : subjects) {
            if (PolicyRules.appliesTo(subject, user, namespace)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyRule(Optional<List<PolicyRule>> rules, Predicate<PolicyRule> visitor) {
        if (rules.isEmpty()) {
            return false;
        }
        for (PolicyRule rule : rules.get()) {
            if (visitor.test(rule)) {
                return true;
            }
        }
        return false;
    }
}
