package io.j8s.common.api.core;

import io.j8s.common.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The pod annotation {@code j8s.io/host-ports} the node agent writes in host-port mode: every declared container
 * port of the pod is published on the node's address on a host port, and this annotation says which, as JSON
 * {@code {"8080/TCP": 41234, ...}}. Whoever publishes the pod's address (the Endpoints controller) reads the host
 * port from here instead of the container port; pods without the annotation (bridge mode, other runtimes) are
 * reached on their container ports as in Kubernetes.
 */
public final class HostPorts {

    public static final String ANNOTATION = "j8s.io/host-ports";

    private HostPorts() {
    }

    /** The key of one container port: {@code 8080/TCP}; the protocol defaults to TCP as in Kubernetes. */
    public static String key(int containerPort, String protocol) {
        return containerPort + "/" + (protocol == null || protocol.isEmpty() ? "TCP" : protocol);
    }

    /** The annotation's value for a mapping of keys ({@link #key}) to host ports, keys sorted. */
    public static String format(Map<String, Integer> hostPortsByKey) {
        return Json.write(new TreeMap<>(hostPortsByKey));
    }

    /**
     * The mapping an annotation value holds; entries that are not a positive port are skipped, and a value that
     * is not a JSON object gives an empty mapping (an annotation anyone can edit must not break a controller).
     */
    public static Map<String, Integer> parse(String value) {
        Map<String, Integer> result = new TreeMap<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        JsonNode tree;
        try {
            tree = Json.tree(value);
        } catch (JacksonException e) {
            return result;
        }
        if (!tree.isObject()) {
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            JsonNode port = entry.getValue();
            if (port.isIntegralNumber() && port.asInt() > 0 && port.asInt() <= 65535) {
                result.put(entry.getKey(), port.asInt());
            }
        }
        return result;
    }

    /** The host port the pod's {@code containerPort}/{@code protocol} is published on, if the pod says so. */
    public static Optional<Integer> hostPort(Pod pod, int containerPort, String protocol) {
        if (pod.metadata() == null) {
            return Optional.empty();
        }
        String value = pod.metadata().annotationsOrEmpty().get(ANNOTATION);
        return Optional.ofNullable(parse(value).get(key(containerPort, protocol)));
    }
}
