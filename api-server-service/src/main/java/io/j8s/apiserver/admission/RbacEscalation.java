package io.j8s.apiserver.admission;

import io.j8s.apiserver.rbac.Escalation;
import io.j8s.apiserver.rbac.RuleResolver;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.RoleRef;
import io.j8s.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RBAC's escalation prevention (in Kubernetes part of the RBAC storage): a Role or ClusterRole may only grant what its
 * author holds (or the author has the {@code escalate} verb on it), and a binding may only grant a role whose rules
 * its author holds (or has {@code bind} on that role). {@code system:masters} and the API server itself pass.
 */
@Component
class RbacEscalation implements AdmissionPlugin {

    private static final String GROUP = "rbac.authorization.k8s.io";

    private final RuleResolver rules;

    RbacEscalation(RuleResolver rules) {
        this.rules = rules;
    }

    @Override
    public Mono<Void> admit(AdmissionRequest request) {
        UserInfo user = request.user();
        if (user == null || user.inGroup(UserInfo.SYSTEM_MASTERS) || request.object() == null
            || !request.definition().group().equals(GROUP)) {
            return Mono.empty();
        }
        return Mono.fromRunnable(() -> {
            try {
                switch (request.definition().plural()) {
                    case "roles", "clusterroles" -> checkRole(request, user);
                    case "rolebindings", "clusterrolebindings" -> checkBinding(request, user);
                    default -> {
                        // not an RBAC object that grants anything
                    }
                }
            } catch (MalformedPolicy e) {
                // Rules or roleRef of the wrong shape: validation, next, answers 422 for them.
            }
        });
    }

    private void checkRole(AdmissionRequest request, UserInfo user) {
        if (unchanged(request, "rules")) {
            return;
        }
        String namespace = namespaceOf(request);
        if (rules.allows(user, RequestInfo.resource("escalate", GROUP, "v1", namespace,
            request.definition().plural(), "", request.name()))) {
            return;
        }
        List<PolicyRule> wanted = policyRules(request.object().get("rules"));
        requireHeld(request, user, namespace, wanted);
    }

    private void checkBinding(AdmissionRequest request, UserInfo user) {
        if (unchanged(request, "roleRef") && unchanged(request, "subjects")) {
            return;
        }
        String namespace = namespaceOf(request);
        RoleRef ref = convert(request.object().get("roleRef"), RoleRef.class);
        if (ref.name() == null || ref.kind() == null) {
            throw new MalformedPolicy();
        }
        String roleResource = "Role".equals(ref.kind()) ? "roles" : "clusterroles";
        if (rules.allows(user, RequestInfo.resource("bind", GROUP, "v1", namespace, roleResource, "", ref.name()))) {
            return;
        }
        Optional<List<PolicyRule>> granted = rules.rulesOf(ref, namespace);
        if (granted.isEmpty()) {
            throw request.forbidden(roleResource + "." + GROUP + " \"" + ref.name() + "\" not found");
        }
        requireHeld(request, user, namespace, granted.get());
    }

    private void requireHeld(AdmissionRequest request, UserInfo user, String namespace, List<PolicyRule> wanted) {
        List<PolicyRule> missing = Escalation.uncovered(rules.rulesFor(user, namespace), wanted);
        if (!missing.isEmpty()) {
            throw request.forbidden("user \"" + user.name() + "\" (groups=" + groupList(user)
                + ") is attempting to grant RBAC permissions not currently held:\n" + Escalation.describe(missing));
        }
    }

    private static boolean unchanged(AdmissionRequest request, String field) {
        if (request.oldObject() == null) {
            return false;
        }
        JsonNode before = request.oldObject().get(field);
        JsonNode after = request.object().get(field);
        return before == null ? after == null : before.equals(after);
    }

    private static String namespaceOf(AdmissionRequest request) {
        return request.definition().namespaced() && request.namespace() != null ? request.namespace() : "";
    }

    private static List<PolicyRule> policyRules(JsonNode node) {
        List<PolicyRule> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode rule : node) {
                list.add(convert(rule, PolicyRule.class));
            }
        }
        return list;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        if (!(node instanceof ObjectNode)) {
            throw new MalformedPolicy();
        }
        try {
            return Json.convert(node, type);
        } catch (RuntimeException e) {
            throw new MalformedPolicy();
        }
    }

    /** Signals an object too malformed to judge; validation rejects it. */
    private static final class MalformedPolicy extends RuntimeException {
        MalformedPolicy() {
            super(null, null, false, false);
        }
    }

    private static String groupList(UserInfo user) {
        return user.groups().stream().map(g -> "\"" + g + "\"").toList().toString().replace(", ", " ");
    }
}
