package io.j8s.apiserver.openapi;

import io.j8s.apiserver.registry.ResourceDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small, valid example objects for the request bodies in the OpenAPI document, one per kind, so that
 * "Try it out" in Swagger UI creates something real. They carry no namespace: the path names it.
 */
final class ExampleObjects {

    private ExampleObjects() {
    }

    /** The example name of a kind, also offered as the {@code name} path parameter's example. */
    static String name(ResourceDefinition d) {
        return switch (d.kind()) {
            case "Namespace" -> "demo";
            case "Node" -> "node-1";
            case "Pod" -> "nginx";
            case "Service", "Endpoints", "Deployment" -> "web";
            case "EndpointSlice" -> "web-abc12";
            case "ReplicaSet" -> "web-rs";
            case "Event" -> "nginx.started";
            case "Lease" -> "my-lease";
            default -> "example";
        };
    }

    /** A create/replace body for the kind. */
    static Map<String, Object> object(ResourceDefinition d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", d.apiVersion());
        o.put("kind", d.kind());
        String name = name(d);
        switch (d.kind()) {
            case "Namespace" -> o.put("metadata", meta(name, Map.of("team", "demo")));
            case "Node" -> {
                o.put("metadata", meta(name, Map.of("kubernetes.io/hostname", name)));
                o.put("spec", Map.of());
                Map<String, Object> resources = ordered("cpu", "4", "memory", "8Gi", "pods", "110");
                o.put("status", ordered("capacity", resources, "allocatable", resources));
            }
            case "Pod" -> {
                o.put("metadata", meta(name, Map.of("app", "nginx")));
                o.put("spec", ordered("containers", List.of(container("nginx", "nginx:1.27", 80))));
            }
            case "Service" -> {
                o.put("metadata", meta(name, Map.of("app", "web")));
                o.put("spec", ordered(
                    "selector", Map.of("app", "web"),
                    "ports", List.of(ordered("name", "http", "port", 80, "targetPort", 80, "protocol", "TCP"))));
            }
            case "Endpoints" -> {
                o.put("metadata", meta(name, Map.of("app", "web")));
                o.put("subsets", List.of(ordered(
                    "addresses", List.of(ordered("ip", "127.0.0.1")),
                    "ports", List.of(ordered("name", "http", "port", 8080, "protocol", "TCP")))));
            }
            case "EndpointSlice" -> {
                o.put("metadata", meta(name, Map.of("kubernetes.io/service-name", "web")));
                o.put("addressType", "IPv4");
                o.put("endpoints", List.of(ordered("addresses", List.of("127.0.0.1"),
                    "conditions", ordered("ready", true))));
                o.put("ports", List.of(ordered("name", "http", "port", 8080, "protocol", "TCP")));
            }
            case "Event" -> {
                o.put("metadata", meta(name, null));
                o.put("involvedObject", ordered("apiVersion", "v1", "kind", "Pod", "name", "nginx",
                    "namespace", "default"));
                o.put("reason", "Started");
                o.put("message", "Started container nginx");
                o.put("type", "Normal");
                o.put("source", ordered("component", "kubelet", "host", "node-1"));
                o.put("count", 1);
            }
            case "Deployment", "ReplicaSet" -> {
                o.put("metadata", meta(name, Map.of("app", name)));
                o.put("spec", ordered(
                    "replicas", 2,
                    "selector", ordered("matchLabels", Map.of("app", name)),
                    "template", ordered(
                        "metadata", ordered("labels", Map.of("app", name)),
                        "spec", ordered("containers", List.of(container("nginx", "nginx:1.27", 80))))));
            }
            case "Lease" -> {
                o.put("metadata", meta(name, null));
                o.put("spec", ordered("holderIdentity", "node-1", "leaseDurationSeconds", 40));
            }
            default -> o.put("metadata", meta(name, null));
        }
        return o;
    }

    /** An {@code autoscaling/v1} Scale body for {@code PUT .../scale}. */
    static Map<String, Object> scale(ResourceDefinition d) {
        return ordered(
            "apiVersion", "autoscaling/v1",
            "kind", "Scale",
            "metadata", meta(name(d), null),
            "spec", ordered("replicas", 3));
    }

    /** A {@code v1} Binding body for {@code POST pods/{name}/binding}. */
    static Map<String, Object> binding(ResourceDefinition pods) {
        return ordered(
            "apiVersion", "v1",
            "kind", "Binding",
            "metadata", meta(name(pods), null),
            "target", ordered("apiVersion", "v1", "kind", "Node", "name", "node-1"));
    }

    /** A JSON merge patch or strategic merge patch body. */
    static Map<String, Object> mergePatch(ResourceDefinition d, boolean scale) {
        if (scale || d.hasScale()) {
            return ordered("spec", ordered("replicas", 3));
        }
        return ordered("metadata", ordered("labels", Map.of("patched", "true")));
    }

    /** A JSON patch (RFC 6902) body. */
    static List<Object> jsonPatch(ResourceDefinition d, boolean scale) {
        if (scale || d.hasScale()) {
            return List.of(ordered("op", "replace", "path", "/spec/replicas", "value", 3));
        }
        return List.of(ordered("op", "add", "path", "/metadata/labels/patched", "value", "true"));
    }

    /** A status patch body. */
    static Map<String, Object> statusPatch(ResourceDefinition d) {
        return switch (d.kind()) {
            case "Pod" -> ordered("status", ordered("phase", "Running"));
            case "Node" -> ordered("status", ordered("conditions", List.of(
                ordered("type", "Ready", "status", "True", "reason", "KubeletReady"))));
            case "Deployment", "ReplicaSet" -> ordered("status", ordered("replicas", 2, "readyReplicas", 2));
            default -> ordered("status", Map.of());
        };
    }

    private static Map<String, Object> container(String name, String image, int port) {
        return ordered("name", name, "image", image, "ports", List.of(ordered("containerPort", port)));
    }

    private static Map<String, Object> meta(String name, Map<String, String> labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (labels != null) {
            m.put("labels", labels);
        }
        return m;
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
