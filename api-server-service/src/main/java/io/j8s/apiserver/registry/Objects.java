package io.j8s.apiserver.registry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for reading and writing the JSON trees the API server stores. */
public final class Objects {

    private Objects() {
    }

    public static ObjectNode metadata(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return object.putObject("metadata");
    }

    /** The text at a dotted path ({@code spec.nodeName}), or null when absent or not a scalar. */
    public static String text(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current == null || current.isNull() || current.isContainer() ? null : current.asString();
    }

    /** Copies {@code field} from {@code from} to {@code to}, removing it from {@code to} when {@code from} lacks it. */
    public static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
