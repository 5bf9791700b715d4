package io.j8s.apiserver.rbac;

import io.j8s.common.api.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether one set of RBAC rules covers another (Kubernetes' {@code validation.Covers}): every verb on every resource
 * (and name, and URL) the servant rules grant must be granted by some owner rule. What keeps users from writing a
 * Role or a binding that grants more than they hold themselves.
 */
public final class Escalation {

    private Escalation() {
    }

    /** The parts of {@code servant} that {@code owner} does not cover; empty when it covers all. */
    public static List<PolicyRule> uncovered(List<PolicyRule> owner, List<PolicyRule> servant) {
        List<PolicyRule> uncovered = new ArrayList<>();
        for (PolicyRule rule : servant) {
            for (PolicyRule subrule : breakdown(rule)) {
                if (owner.stream().noneMatch(o -> covers(o, subrule))) {
                    uncovered.add(subrule);
                }
            }
        }
        return uncovered;
    }

    /** One rule per verb × group × resource (× name), and per verb × URL. */
    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> subrules = new ArrayList<>();
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                for (String verb : rule.verbs()) {
                    if (rule.resourceNames().isEmpty()) {
                        subrules.add(PolicyRule.resources(List.of(verb), List.of(group), List.of(resource)));
                    } else {
                        for (String name : rule.resourceNames()) {
                            subrules.add(PolicyRule.resources(List.of(verb), List.of(group), List.of(resource))
                                .withResourceNames(List.of(name)));
                        }
                    }
                }
            }
        }
        for (String url : rule.nonResourceURLs()) {
            for (String verb : rule.verbs()) {
                subrules.add(PolicyRule.urls(List.of(verb), List.of(url)));
            }
        }
        return subrules;
    }

    static boolean covers(PolicyRule owner, PolicyRule sub) {
        boolean verbs = owner.verbs().contains(PolicyRules.ALL) || owner.verbs().containsAll(sub.verbs());
        boolean groups = owner.apiGroups().contains(PolicyRules.ALL) || owner.apiGroups().containsAll(sub.apiGroups());
        boolean resources = resourcesCover(owner.resources(), sub.resources());
        boolean urls = sub.nonResourceURLs().stream().allMatch(path -> owner.nonResourceURLs().stream()
            .anyMatch(o -> o.equals(path) || o.endsWith("*") && path.startsWith(o.substring(0, o.length() - 1))));
        boolean names = owner.resourceNames().isEmpty()
            || !sub.resourceNames().isEmpty() && owner.resourceNames().containsAll(sub.resourceNames());
        return verbs && groups && resources && names && urls;
    }

    private static boolean resourcesCover(List<String> owner, List<String> sub) {
        if (owner.contains(PolicyRules.ALL) || owner.containsAll(sub)) {
            return true;
        }
        for (String path : sub) {
            if (owner.contains(path)) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * kube-apiserver's listing of rules not held, one per line:
     * {@code {APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}}.
     */
    public static String describe(List<PolicyRule> rules) {
        List<String> lines = new ArrayList<>();
        for (PolicyRule rule : rules) {
            List<String> parts = new ArrayList<>();
            if (!rule.apiGroups().isEmpty()) {
                parts.add("APIGroups:" + quoted(rule.apiGroups()));
            }
            if (!rule.resources().isEmpty()) {
                parts.add("Resources:" + quoted(rule.resources()));
            }
            if (!rule.resourceNames().isEmpty()) {
                parts.add("ResourceNames:" + quoted(rule.resourceNames()));
            }
            if (!rule.nonResourceURLs().isEmpty()) {
                parts.add("NonResourceURLs:" + quoted(rule.nonResourceURLs()));
            }
            parts.add("Verbs:" + quoted(rule.verbs()));
            lines.add("{" + String.join(", ", parts) + "}");
        }
        return String.join("\n", lines);
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString().replace(", ", " ");
    }
}
