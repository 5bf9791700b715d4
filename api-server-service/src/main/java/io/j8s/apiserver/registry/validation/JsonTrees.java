package io.j8s.apiserver.registry.validation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Equality of JSON trees as Kubernetes compares decoded objects (apiequality.Semantic.DeepEqual): numbers by
 * value, and an absent field equal to its zero value (null, false, 0, "", [] or {}), since Go cannot tell
 * them apart once decoded.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static boolean semanticEqual(JsonNode a, JsonNode b) {
        boolean aEmpty = isZero(a);
        boolean bEmpty = isZero(b);
        if (aEmpty || bEmpty) {
            return aEmpty && bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            for (String key : keys(a, b)) {
                if (!semanticEqual(a.get(key), b.get(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!semanticEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Adds one line per changed leaf ({@code spec.containers[0].ports: [{"containerPort":80}] -> [...]}) to
     * {@code out}, at most {@code limit} lines; used to tell a user what an update tried to change.
     */
    public static void diff(JsonNode old, JsonNode updated, String path, List<String> out, int limit) {
        if (out.size() >= limit || semanticEqual(old, updated)) {
            return;
        }
        if (old != null && updated != null && old.isObject() && updated.isObject()) {
            for (String key : keys(old, updated)) {
                diff(old.get(key), updated.get(key), path.isEmpty() ? key : path + "." + key, out, limit);
            }
            return;
        }
        if (old != null && updated != null && old.isArray() && updated.isArray() && old.size() == updated.size()) {
            for (int i = 0; i < old.size(); i++) {
                diff(old.get(i), updated.get(i), path + "[" + i + "]", out, limit);
            }
            return;
        }
        out.add(path + ": " + render(old) + " -> " + render(updated));
    }

    private static String render(JsonNode node) {
        return node == null || node.isMissingNode() ? "<none>" : node.toString();
    }

    private static Set<String> keys(JsonNode a, JsonNode b) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            keys.add(e.getKey());
        }
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            keys.add(e.getKey());
        }
        return keys;
    }

    private static boolean isZero(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return true;
        }
        if (n.isBoolean()) {
            return !n.booleanValue();
        }
        if (n.isNumber()) {
            return n.decimalValue().signum() == 0;
        }
        if (n.isString()) {
            return n.stringValue().isEmpty();
        }
        if (n.isArray()) {
            return n.size() == 0;
        }
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!isZero(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
