package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defensive reads and writes of a client's JSON tree. Clients send anything: a field of the wrong type
 * becomes a field error (Kubernetes would refuse to decode it), never an exception and never a 5xx.
 */
public final class Fields {

    private Fields() {
    }

    /** True when {@code name} is present and not JSON null. */
    public static boolean has(JsonNode parent, String name) {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(name);
        return v != null && !v.isNull();
    }

    /** The child object, or null when absent or of another type. */
    public static ObjectNode object(JsonNode parent, String name) {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(name);
        return v instanceof ObjectNode o ? o : null;
    }

    /** The child array, or null when absent or of another type. */
    public static ArrayNode array(JsonNode parent, String name) {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(name);
        return v instanceof ArrayNode a ? a : null;
    }

    /** The child string, or null when absent or of another type. */
    public static String string(JsonNode parent, String name) {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(name);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    /** The child string, or "" when absent or of another type (Go's zero value). */
    public static String stringOrEmpty(JsonNode parent, String name) {
        String s = string(parent, name);
        return s == null ? "" : s;
    }

    /** The child integer, or null when absent or not an integral number. */
    public static Long integer(JsonNode parent, String name) {
        JsonNode v = parent == null || !parent.isObject() ? null : parent.get(name);
        return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
    }

    public static ObjectNode object(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        if (v instanceof ObjectNode o) {
            return o;
        }
        errors.add(typeInvalid(path, v, "an object"));
        return null;
    }

    public static ArrayNode array(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        if (v instanceof ArrayNode a) {
            return a;
        }
        errors.add(typeInvalid(path, v, "an array"));
        return null;
    }

    public static String string(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        errors.add(typeInvalid(path, v, "a string"));
        return null;
    }

    public static Long integer(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        errors.add(typeInvalid(path, v, "an integer"));
        return null;
    }

    /** An optional integer that must not be negative ({@code must be greater than or equal to 0}). */
    public static Long nonNegative(JsonNode parent, String name, String path, List<FieldError> errors) {
        Long value = integer(parent, name, path, errors);
        if (value != null && value < 0) {
            errors.add(FieldError.invalid(path, value, Formats.IS_NEGATIVE_ERROR_MSG));
        }
        return value;
    }

    public static Boolean bool(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        errors.add(typeInvalid(path, v, "a boolean"));
        return null;
    }

    /** A map of string to string (labels, annotations, selectors), in document order; null when absent. */
    public static Map<String, String> stringMap(JsonNode parent, String name, String path, List<FieldError> errors) {
        JsonNode v = present(parent, name);
        if (v == null) {
            return null;
        }
        return stringMap(v, path, errors);
    }

    /** {@code node} read as a map of string to string; entries of another type are reported and skipped. */
    public static Map<String, String> stringMap(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(typeInvalid(path, node, "an object"));
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = e.getValue();
            if (value.isString()) {
                map.put(e.getKey(), value.stringValue());
            } else if (!value.isNull()) {
                errors.add(typeInvalid(path + "[" + e.getKey() + "]", value, "a string"));
            }
        }
        return map;
    }

    /** A list of strings; elements of another type are reported and skipped. */
    public static List<String> stringList(JsonNode parent, String name, String path, List<FieldError> errors) {
        return stringList(present(parent, name), path, errors);
    }

    /** {@code node} read as a list of strings; null when absent. */
    public static List<String> stringList(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof ArrayNode array)) {
            errors.add(typeInvalid(path, node, "an array"));
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isString()) {
                list.add(item.stringValue());
            } else {
                errors.add(typeInvalid(path + "[" + i + "]", item, "a string"));
            }
        }
        return list;
    }

    /** The objects of an array; elements of another type are reported and left out (keeping their index). */
    public static List<IndexedObject> objects(JsonNode parent, String name, String path, List<FieldError> errors) {
        return objects(present(parent, name), path, errors);
    }

    /** {@code node} read as an array of objects; empty when absent. */
    public static List<IndexedObject> objects(JsonNode node, String path, List<FieldError> errors) {
        List<IndexedObject> list = new ArrayList<>();
        if (node == null || node.isNull()) {
            return list;
        }
        if (!(node instanceof ArrayNode array)) {
            errors.add(typeInvalid(path, node, "an array"));
            return list;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item instanceof ObjectNode o) {
                list.add(new IndexedObject(i, path + "[" + i + "]", o));
            } else {
                errors.add(typeInvalid(path + "[" + i + "]", item, "an object"));
            }
        }
        return list;
    }

    /** One element of an array of objects, with its index and field path ({@code spec.containers[1]}). */
    public record IndexedObject(int index, String path, ObjectNode node) {
    }

    /** {@code spec.replicas: Invalid value: "3": must be an integer}, for a value Kubernetes could not even decode. */
    public static FieldError typeInvalid(String path, JsonNode value, String expected) {
        return new FieldError(path, FieldError.Reason.FieldValueTypeInvalid,
            "Invalid value: " + value + ": must be " + expected);
    }

    // --- defaulting --------------------------------------------------------------------------------

    /** The child object, created when absent or null; null when a value of another type is there. */
    public static ObjectNode ensureObject(ObjectNode parent, String name) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return parent.putObject(name);
        }
        return v instanceof ObjectNode o ? o : null;
    }

    /** Sets a string default where Kubernetes would (the field is absent, null or ""). */
    public static void defaultString(ObjectNode parent, String name, String value) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull() || (v.isString() && v.stringValue().isEmpty())) {
            parent.put(name, value);
        }
    }

    /** Sets a number default where Kubernetes would (a nil pointer: the field is absent or null). */
    public static void defaultInt(ObjectNode parent, String name, int value) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            parent.put(name, value);
        }
    }

    public static void defaultBoolean(ObjectNode parent, String name, boolean value) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            parent.put(name, value);
        }
    }

    /** Every object element of the array {@code name}; non-objects are skipped (validation reports them). */
    public static List<ObjectNode> objectElements(JsonNode parent, String name) {
        ArrayNode array = array(parent, name);
        List<ObjectNode> list = new ArrayList<>();
        if (array != null) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode o) {
                    list.add(o);
                }
            }
        }
        return list;
    }

    private static JsonNode present(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return null;
        }
        JsonNode v = parent.get(name);
        return v == null || v.isNull() ? null : v;
    }
}
