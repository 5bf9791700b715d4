package io.j8s.apiserver.registry.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Renders values the way Kubernetes' Go messages print them ({@code map[string]string{"app":"web"}}), so
 * a message reads the same as on a real cluster. {@link #of} wraps the text for {@code FieldError.invalid}.
 */
public final class GoFormat {

    private GoFormat() {
    }

    /** A value whose {@code toString} is already rendered (FieldError quotes only plain strings). */
    public record Rendered(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public static Rendered of(String text) {
        return new Rendered(text);
    }

    /** {@code map[string]string{"a":"1", "b":"2"}}, keys sorted; {@code map[string]string(nil)} for null. */
    public static Rendered stringMap(Map<String, String> map) {
        if (map == null) {
            return of("map[string]string(nil)");
        }
        List<String> entries = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> entries.add(quote(k) + ":" + quote(v)));
        return of("map[string]string{" + String.join(", ", entries) + "}");
    }

    /** A metav1.LabelSelector as {@code %#v} prints it. */
    public static Rendered labelSelector(JsonNode selector) {
        if (selector == null || selector.isNull()) {
            return of("(*v1.LabelSelector)(nil)");
        }
        StringBuilder sb = new StringBuilder("v1.LabelSelector{MatchLabels:");
        JsonNode matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isObject()) {
            Map<String, String> labels = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
                labels.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString());
            }
            sb.append(stringMap(labels));
        } else {
            sb.append("map[string]string(nil)");
        }
        sb.append(", MatchExpressions:");
        JsonNode expressions = selector.get("matchExpressions");
        if (expressions != null && expressions.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode expr : expressions) {
                items.add("v1.LabelSelectorRequirement{Key:" + quote(Fields.stringOrEmpty(expr, "key"))
                    + ", Operator:" + quote(Fields.stringOrEmpty(expr, "operator"))
                    + ", Values:" + stringSlice(expr.get("values")) + "}");
            }
            sb.append("[]v1.LabelSelectorRequirement{").append(String.join(", ", items)).append('}');
        } else {
            sb.append("[]v1.LabelSelectorRequirement(nil)");
        }
        return of(sb.append('}').toString());
    }

    /** {@code []string{"a", "b"}}. */
    public static Rendered stringSlice(JsonNode values) {
        if (values == null || !values.isArray()) {
            return of("[]string(nil)");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode v : values) {
            items.add(v.isString() ? quote(v.stringValue()) : v.toString());
        }
        return of("[]string{" + String.join(", ", items) + "}");
    }

    public static Rendered stringSlice(List<String> values) {
        List<String> items = new ArrayList<>();
        for (String v : values) {
            items.add(quote(v));
        }
        return of("[]string{" + String.join(", ", items) + "}");
    }

    /** An int-or-string field as the client wrote it: {@code 0} or {@code "25%"}. */
    public static Object intOrString(JsonNode value) {
        if (value == null || value.isNull()) {
            return of("null");
        }
        if (value.isString()) {
            return value.stringValue();
        }
        return of(value.toString());
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
