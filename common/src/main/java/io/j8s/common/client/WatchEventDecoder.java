package io.j8s.common.client;

import io.j8s.common.api.meta.Status;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.json.Json;
import tools.jackson.databind.JsonNode;

/** Turns one line of a watch stream into a typed event. */
public final class WatchEventDecoder {

    private WatchEventDecoder() {
    }

    /**
     * Decodes {@code {"type":"ADDED","object":{...}}}.
     *
     * @throws ApiException when the event is an ERROR: the server ends the watch with a Status
     *                      (410 Expired when the resourceVersion was compacted)
     * @throws IllegalArgumentException when the line is not a watch event
     */
    public static <T> WatchEvent<T> decode(String line, Class<T> objectType) {
        JsonNode node;
        try {
            node = Json.tree(line);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a watch event: " + abbreviate(line), e);
        }
        WatchEvent.Type type;
        try {
            type = WatchEvent.Type.valueOf(node.path("type").asString(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown watch event type in: " + abbreviate(line), e);
        }
        JsonNode object = node.path("object");
        if (!object.isObject()) {
            throw new IllegalArgumentException("watch event without object: " + abbreviate(line));
        }
        if (type == WatchEvent.Type.ERROR) {
            throw new ApiException(Json.convert(object, Status.class));
        }
        return new WatchEvent<>(type, Json.convert(object, objectType));
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
