package io.j8s.apiserver.rest;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.common.fields.FieldSelector;
import io.j8s.common.labels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list or watch request's query: {@code labelSelector}, {@code fieldSelector}, {@code limit}, {@code continue},
 * {@code resourceVersion}, {@code watch}, {@code allowWatchBookmarks}, {@code timeoutSeconds}. Malformed values
 * are 400s before anything is read.
 */
record ListRequest(Predicate<ObjectNode> filter, long limit, ContinueToken continueToken, String resourceVersion,
                   boolean watch, boolean allowWatchBookmarks, Long timeoutSeconds) {

    static ListRequest from(ServerRequest request, ResourceDefinition definition) {
        Selector labels = parseLabels(request.queryParam("labelSelector").orElse(""));
        FieldSelector fields = parseFields(request.queryParam("fieldSelector").orElse(""), definition);
        Predicate<ObjectNode> filter = object -> labels.matches(labelsOf(object))
            && fields.matches(field -> FieldLabels.value(object, field));
        long limit = parseLong(request, "limit", 0);
        if (limit < 0) {
            throw ApiException.badRequest("limit must be a non-negative integer");
        }
        ContinueToken token = request.queryParam("continue").filter(s -> !s.isEmpty())
            .map(ContinueToken::decode).orElse(null);
        String resourceVersion = request.queryParam("resourceVersion").orElse("");
        boolean watch = flag(request, "watch");
        if (token != null && !resourceVersion.isEmpty() && !resourceVersion.equals("0")) {
            throw ApiException.badRequest("specifying resource version is not allowed when using continue");
        }
        Long timeout = request.queryParam("timeoutSeconds").isPresent() ? parseLong(request, "timeoutSeconds", 0) : null;
        return new ListRequest(filter, limit, token, resourceVersion, watch, flag(request, "allowWatchBookmarks"),
            timeout);
    }

    private static Selector parseLabels(String expression) {
        try {
            return Selector.parse(expression);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static FieldSelector parseFields(String expression, ResourceDefinition definition) {
        FieldSelector selector;
        try {
            selector = FieldSelector.parse(expression);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid field selector: " + e.getMessage());
        }
        for (var requirement : selector.requirements()) {
            if (!FieldLabels.supported(definition.kind(), requirement.field())) {
                throw ApiException.badRequest("field label not supported: " + requirement.field());
            }
        }
        return selector;
    }

    private static Map<String, String> labelsOf(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        Map<String, String> map = new HashMap<>();
        labels.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }

    static boolean flag(ServerRequest request, String name) {
        return request.queryParam(name).map(v -> v.isEmpty() || v.equals("true") || v.equals("1")).orElse(false);
    }

    private static long parseLong(ServerRequest request, String name, long fallback) {
        String value = request.queryParam(name).orElse("");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, not \"" + value + "\"");
        }
    }
}
