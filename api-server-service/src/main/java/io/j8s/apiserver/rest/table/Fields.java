package io.j8s.apiserver.rest.table;

import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.json.Json;
import io.j8s.common.labels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Reading the fields printers show, with kubectl's spellings for what is missing. */
final class Fields {

    static final String NONE = "<none>";

    private Fields() {
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String part : path) {
            current = current.path(part);
        }
        return current;
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isValueNode() ? value.asString() : "";
    }

    static long number(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    static String name(JsonNode object) {
        return text(object, "metadata", "name");
    }

    static String age(JsonNode object, Instant now) {
        return HumanDuration.since(text(object, "metadata", "creationTimestamp"), now);
    }

    static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    /** {@code a=1,b=2} sorted by key, as labels.FormatLabels; {@code <none>} when empty. */
    static String formatLabels(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? NONE : String.join(",", parts);
    }

    /** A spec.selector (LabelSelector) in the label-selector syntax kubectl shows in the wide Selector column. */
    static String selector(JsonNode selector) {
        if (selector.isMissingNode() || selector.isNull()) {
            return "";
        }
        try {
            return Selector.from(Json.convert(selector, LabelSelector.class)).toString();
        } catch (RuntimeException e) {
            return "<error>";
        }
    }

    /** Container names and images of a pod template, comma-separated (layoutContainerCells). */
    static List<String> containersAndImages(JsonNode podSpec) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (JsonNode container : podSpec.path("containers")) {
            names.add(container.path("name").asString(""));
            images.add(container.path("image").asString(""));
        }
        return List.of(String.join(",", names), String.join(",", images));
    }
}
