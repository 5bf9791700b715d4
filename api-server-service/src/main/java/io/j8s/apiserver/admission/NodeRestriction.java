package io.j8s.apiserver.admission;

import io.j8s.apiserver.store.Subresource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' NodeRestriction, for node agents ({@code system:node:<name>}): a node writes only its own Node (never
 * its taints after registration, nor labels reserved to administrators), only its own Lease in
 * {@code kube-node-lease}, the status of pods bound to it (not their labels), deletes only pods bound to it, and
 * creates no pods but mirror pods bound to it. The Node authorizer has already kept it from everything else.
 */
@Component
class NodeRestriction implements AdmissionPlugin {

    static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    private static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    /** Labels a kubelet sets on its own Node (kubeletapis.IsKubeletLabel). */
    private static final Set<String> KUBELET_LABELS = Set.of("kubernetes.io/hostname", "kubernetes.io/arch",
        "kubernetes.io/os", "beta.kubernetes.io/instance-type", "node.kubernetes.io/instance-type",
        "beta.kubernetes.io/os", "beta.kubernetes.io/arch", "failure-domain.beta.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/region", "topology.kubernetes.io/zone");
    private static final Set<String> KUBELET_LABEL_NAMESPACES = Set.of("kubelet.kubernetes.io", "node.kubernetes.io");

    @Override
    public Mono<Void> admit(AdmissionRequest request) {
        if (request.user() == null || !request.user().inGroup("system:nodes")
            || !request.user().name().startsWith("system:node:")) {
            return Mono.empty();
        }
        String node = request.user().nodeName();
        if (node == null) {
            return Mono.error(request.forbidden("could not determine node from user \"" + request.user().name()
                + "\""));
        }
        String group = request.definition().group();
        String resource = request.definition().plural();
        String why = null;
        if (group.isEmpty() && resource.equals("pods")) {
            why = pod(node, request);
        } else if (group.isEmpty() && resource.equals("nodes")) {
            why = node(node, request);
        } else if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
            why = lease(node, request);
        }
        return why == null ? Mono.empty() : Mono.error(request.forbidden(why));
    }

    private static String pod(String node, AdmissionRequest request) {
        if (request.subresource() == Subresource.STATUS) {
            if (request.operation() != AdmissionRequest.Operation.UPDATE) {
                return "unexpected operation \"" + request.operation() + "\"";
            }
            if (!node.equals(nodeName(request.oldObject()))) {
                return "node \"" + node + "\" can only update pod status for pods with spec.nodeName set to itself";
            }
            if (!labels(request.oldObject()).equals(labels(request.object()))) {
                return "node \"" + node + "\" cannot update labels through pod status";
            }
            return null;
        }
        if (request.subresource() != Subresource.MAIN) {
            return "unexpected pod subresource \"" + request.subresource().name().toLowerCase() + "\", only "
                + "'status' and 'eviction' are allowed";
        }
        return switch (request.operation()) {
            case CREATE -> {
                JsonNode annotations = request.object().path("metadata").path("annotations");
                if (!annotations.has(MIRROR_POD_ANNOTATION)) {
                    yield "pod does not have \"" + MIRROR_POD_ANNOTATION + "\" annotation, node \"" + node
                        + "\" can only create mirror pods";
                }
                yield node.equals(nodeName(request.object())) ? null
                    : "node \"" + node + "\" can only create pods with spec.nodeName set to itself";
            }
            case DELETE -> node.equals(nodeName(request.oldObject())) ? null
                : "node \"" + node + "\" can only delete pods with spec.nodeName set to itself";
            case UPDATE -> "unexpected operation \"UPDATE\", node \"" + node
                + "\" can only create and delete mirror pods";
        };
    }

    private static String node(String node, AdmissionRequest request) {
        String name = request.name() != null ? request.name()
            : request.object().path("metadata").path("name").asString("");
        if (!node.equals(name)) {
            return "node \"" + node + "\" is not allowed to modify node \"" + name + "\"";
        }
        if (request.operation() == AdmissionRequest.Operation.CREATE) {
            Set<String> forbidden = forbiddenLabels(modified(labels(request.object()), Map.of()));
            return forbidden.isEmpty() ? null
                : "node \"" + node + "\" is not allowed to set the following labels: " + String.join(", ", forbidden);
        }
        if (request.operation() == AdmissionRequest.Operation.UPDATE) {
            JsonNode taints = request.object().path("spec").path("taints");
            JsonNode oldTaints = request.oldObject().path("spec").path("taints");
            if (!sameList(taints, oldTaints)) {
                return "node \"" + node + "\" is not allowed to modify taints";
            }
            Set<String> forbidden = forbiddenLabels(modified(labels(request.object()), labels(request.oldObject())));
            return forbidden.isEmpty() ? null : "is not allowed to modify labels: " + String.join(", ", forbidden);
        }
        return null;
    }

    private static String lease(String node, AdmissionRequest request) {
        if (!NODE_LEASE_NAMESPACE.equals(request.namespace())) {
            return "can only access leases in the \"" + NODE_LEASE_NAMESPACE + "\" system namespace";
        }
        String name = request.name() != null ? request.name()
            : request.object() == null ? "" : request.object().path("metadata").path("name").asString("");
        return node.equals(name) ? null : "can only access node lease with the same name as the requesting node";
    }

    private static String nodeName(ObjectNode pod) {
        return pod == null ? "" : pod.path("spec").path("nodeName").asString("");
    }

    private static Map<String, String> labels(ObjectNode object) {
        Map<String, String> labels = new HashMap<>();
        if (object != null) {
            object.path("metadata").path("labels").properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        }
        return labels;
    }

    private static boolean sameList(JsonNode a, JsonNode b) {
        boolean emptyA = a.isMissingNode() || a.isNull() || a.isEmpty();
        boolean emptyB = b.isMissingNode() || b.isNull() || b.isEmpty();
        return emptyA && emptyB || a.equals(b);
    }

    private static Set<String> modified(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new TreeSet<>();
        a.forEach((k, v) -> {
            if (!Objects.equals(v, b.get(k))) {
                keys.add(k);
            }
        });
        b.forEach((k, v) -> {
            if (!Objects.equals(v, a.get(k))) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Labels a node may not add, change or remove: node-restriction.kubernetes.io ones and unknown Kubernetes ones. */
    private static Set<String> forbiddenLabels(Set<String> modified) {
        Set<String> forbidden = new TreeSet<>();
        for (String label : modified) {
            int slash = label.indexOf('/');
            String namespace = slash < 0 ? "" : label.substring(0, slash);
            if (namespace.equals("node-restriction.kubernetes.io")
                || namespace.endsWith(".node-restriction.kubernetes.io")) {
                forbidden.add(label);
            }
            boolean kubernetes = namespace.equals("kubernetes.io") || namespace.endsWith(".kubernetes.io")
                || namespace.equals("k8s.io") || namespace.endsWith(".k8s.io");
            boolean kubelet = KUBELET_LABELS.contains(label) || KUBELET_LABEL_NAMESPACES.contains(namespace)
                || KUBELET_LABEL_NAMESPACES.stream().anyMatch(ns -> namespace.endsWith("." + ns));
            if (kubernetes && !kubelet) {
                forbidden.add(label);
            }
        }
        return forbidden;
    }
}
