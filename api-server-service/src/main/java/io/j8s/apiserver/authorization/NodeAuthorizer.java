package io.j8s.apiserver.authorization;

import io.j8s.apiserver.rbac.PolicyRules;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.store.StorageRouter;
import io.j8s.common.api.rbac.PolicyRule;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Kubernetes' Node authorizer, for node agents ({@code system:node:<name>} in {@code system:nodes}), as in 1.32 with
 * AuthorizeNodeWithSelectors: a node reads only its own Node and Lease, lists and watches only the pods bound to it
 * ({@code fieldSelector=spec.nodeName=<name>}) and gets only those; everything else it may do is the fixed set of
 * {@link #NODE_RULES}, whose writes the NodeRestriction admission plugin narrows to its own objects. Simplified:
 * "related to the node" means "bound to the node" (there are no secrets, config maps or volumes to follow).
 */
@Component
public class NodeAuthorizer implements Authorizer {

    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    /** The system:node rules of Kubernetes, for the kinds j8s serves. */
    public static final List<PolicyRule> NODE_RULES = List.of(
        // checking API access; these creates change nothing
        PolicyRule.resources(List.of("create"), List.of("authentication.k8s.io"), List.of("tokenreviews")),
        PolicyRule.resources(List.of("create"), List.of("authorization.k8s.io"),
            List.of("subjectaccessreviews", "localsubjectaccessreviews")),
        // services, for the environment variables of pods
        PolicyRule.resources(List.of("get", "list", "watch"), List.of(""), List.of("services")),
        PolicyRule.resources(List.of("get"), List.of(""), List.of("endpoints")),
        // its Node object (registration, status) and the pods bound to it
        PolicyRule.resources(List.of("create", "get", "list", "watch", "update", "patch", "delete"), List.of(""),
            List.of("nodes")),
        PolicyRule.resources(List.of("update", "patch"), List.of(""), List.of("nodes/status")),
        PolicyRule.resources(List.of("get", "list", "watch", "create", "delete"), List.of(""), List.of("pods")),
        PolicyRule.resources(List.of("update", "patch"), List.of(""), List.of("pods/status")),
        PolicyRule.resources(List.of("create"), List.of(""), List.of("pods/eviction")),
        PolicyRule.resources(List.of("create", "update", "patch"), List.of("", "events.k8s.io"), List.of("events")),
        PolicyRule.resources(List.of("get", "create", "update", "patch", "delete"), List.of("coordination.k8s.io"),
            List.of("leases")));

    private final ResourceDefinition pods;
    private final Storage storage;

    public NodeAuthorizer(StorageRouter storages, ResourceRegistry registry) {
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.storage = storages.storageFor(pods);
    }

    @Override
    public Mono<Decision> authorize(UserInfo user, RequestInfo request) {
        if (!user.inGroup(UserInfo.NODES) || !user.name().startsWith(UserInfo.NODE_USER_PREFIX)) {
            return Mono.just(Decision.NO_OPINION);
        }
        String node = user.nodeName();
        if (node == null) {
            return Mono.just(Decision.noOpinion("unknown node for user \"" + user.name() + "\""));
        }
        if (request.resourceRequest()) {
            String group = request.apiGroup();
            String resource = request.resource();
            if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
                return Mono.just(lease(node, request));
            }
            if (group.isEmpty() && resource.equals("nodes")) {
                return Mono.just(nodeObject(node, request));
            }
            if (group.isEmpty() && resource.equals("pods")) {
                return pod(node, request);
            }
        }
        return Mono.just(PolicyRules.allow(request, NODE_RULES) ? Decision.ALLOW : Decision.NO_OPINION);
    }

    private static Decision lease(String node, RequestInfo request) {
        String verb = request.verb();
        if (!List.of("get", "create", "update", "patch", "delete").contains(verb)) {
            return Decision.noOpinion("can only get, create, update, patch, or delete a node lease");
        }
        if (!request.namespace().equals(NODE_LEASE_NAMESPACE)) {
            return Decision.noOpinion("can only access leases in the \"" + NODE_LEASE_NAMESPACE
                + "\" system namespace");
        }
        // The name of a created Lease is in its body: NodeRestriction checks it.
        if (!verb.equals("create") && !request.name().equals(node)) {
            return Decision.noOpinion("can only access node lease with the same name as the requesting node");
        }
        return Decision.ALLOW;
    }

    private static Decision nodeObject(String node, RequestInfo request) {
        String verb = request.verb();
        if (request.subresource().isEmpty()) {
            switch (verb) {
                case "create", "update", "patch" -> {
                    return Decision.ALLOW; // NodeRestriction: only its own Node
                }
                case "get", "list", "watch" -> {
                    if (request.name().equals(node)) {
                        return Decision.ALLOW;
                    }
                    return Decision.noOpinion(request.name().isEmpty()
                        ? "node '" + node + "' cannot read all nodes, only its own Node object"
                        : "node '" + node + "' cannot read '" + request.name() + "', only its own Node object");
                }
                default -> {
                    return Decision.NO_OPINION;
                }
            }
        }
        if (request.subresource().equals("status") && (verb.equals("update") || verb.equals("patch"))) {
            return Decision.ALLOW; // NodeRestriction: only its own Node
        }
        return Decision.NO_OPINION;
    }

    private Mono<Decision> pod(String node, RequestInfo request) {
        String verb = request.verb();
        switch (request.subresource()) {
            case "" -> {
                switch (verb) {
                    case "get" -> {
                        return boundTo(node, request);
                    }
                    case "list", "watch" -> {
                        if (node.equals(request.fieldValue("spec.nodeName"))) {
                            return Mono.just(Decision.ALLOW);
                        }
                        if (!request.name().isEmpty()) {
                            return boundTo(node, request);
                        }
                        return Mono.just(Decision.noOpinion(
                            "can only list/watch pods with spec.nodeName field selector"));
                    }
                    case "create", "delete" -> {
                        return Mono.just(Decision.ALLOW); // NodeRestriction: mirror pods / its own pods only
                    }
                    default -> {
                        return Mono.just(Decision.NO_OPINION);
                    }
                }
            }
            case "status" -> {
                return Mono.just(verb.equals("update") || verb.equals("patch") ? Decision.ALLOW : Decision.NO_OPINION);
            }
            case "eviction" -> {
                return Mono.just(verb.equals("create") ? Decision.ALLOW : Decision.NO_OPINION);
            }
            default -> {
                return Mono.just(Decision.NO_OPINION);
            }
        }
    }

    /** Allowed when the named pod is bound to the node: the Node authorizer graph's one edge j8s has. */
    private Mono<Decision> boundTo(String node, RequestInfo request) {
        Decision unrelated = Decision.noOpinion("no relationship found between node '" + node + "' and this object");
        if (request.name().isEmpty() || request.namespace().isEmpty()) {
            return Mono.just(unrelated);
        }
        return storage.get(pods.key(request.namespace(), request.name()))
            .map(pod -> node.equals(pod.path("spec").path("nodeName").asString("")) ? Decision.ALLOW : unrelated)
            .onErrorResume(StorageException.NotFound.class, e -> Mono.just(unrelated))
            .defaultIfEmpty(unrelated);
    }
}
