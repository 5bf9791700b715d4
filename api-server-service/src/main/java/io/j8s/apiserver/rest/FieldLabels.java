package io.j8s.apiserver.rest;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The fields each kind can be selected by ({@code fieldSelector}), as Kubernetes supports them: every kind has
 * {@code metadata.name} and {@code metadata.namespace}, some have more (pods by node and phase, events by the
 * object they are about). Other fields answer 400, as on Kubernetes.
 */
final class FieldLabels {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

    private static final Map<String, Set<String>> BY_KIND = Map.of(
        "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
        "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
        "Node", Set.of("spec.unschedulable"),
        "Namespace", Set.of("status.phase"),
        "ReplicaSet", Set.of("status.replicas"),
        "Service", Set.of("spec.clusterIP", "spec.type"));

    /** Boolean fields Kubernetes reports as "false" when unset. */
    private static final Set<String> FALSE_WHEN_ABSENT = Set.of("spec.unschedulable", "spec.hostNetwork");

    private FieldLabels() {
    }

    static boolean supported(String kind, String field) {
        return COMMON.contains(field) || BY_KIND.getOrDefault(kind, Set.of()).contains(field);
    }

    /** The value of a selectable field; absent fields read as "" (booleans as "false"), as on Kubernetes. */
    static String value(JsonNode object, String field) {
        String path = field.equals("source") ? "source.component" : field;
        JsonNode current = object;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        if (current == null || current.isNull() || current.isContainer()) {
            return FALSE_WHEN_ABSENT.contains(field) ? "false" : "";
        }
        return current.asString();
    }
}
