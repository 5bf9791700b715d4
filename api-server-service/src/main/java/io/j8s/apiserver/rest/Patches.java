package io.j8s.apiserver.rest;

import io.j8s.apiserver.patch.PatchException;
import io.j8s.apiserver.patch.PatchMeta;
import io.j8s.apiserver.patch.StrategicMergePatch;
import io.j8s.common.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patch formats kubectl and the Java clients send: JSON Merge Patch (RFC 7396) and JSON Patch (RFC 6902),
 * applied with the Jakarta JSON Processing implementation, and Kubernetes' strategic merge patch
 * ({@link StrategicMergePatch}). Server-side apply is not served and answers 415 with a message kubectl prints.
 */
public final class Patches {

    /**
     * Looked up once: {@code jakarta.json.Json}'s static methods search the class path for a provider on every call,
     * which cost a fifth of the API server's CPU under a steady stream of Lease renewals.
     */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    public enum Type {
        MERGE("application/merge-patch+json"),
        JSON("application/json-patch+json"),
        STRATEGIC("application/strategic-merge-patch+json");

        private final String mediaType;

        Type(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private Patches() {
    }

    public static Type typeOf(MediaType contentType) {
        String subtype = contentType == null ? "" : contentType.getSubtype();
        return switch (subtype) {
            case "merge-patch+json" -> Type.MERGE;
            case "json-patch+json" -> Type.JSON;
            case "strategic-merge-patch+json" -> Type.STRATEGIC;
            case "apply-patch+yaml", "apply-patch+cbor" -> throw new ApiException(415, "UnsupportedMediaType",
                "server-side apply is not supported by this server yet; use client-side apply (kubectl apply "
                    + "without --server-side)", null, null, null, null);
            default -> throw new ApiException(415, "UnsupportedMediaType", "the patch content type \""
                + contentType + "\" is not supported: accepted media types include application/merge-patch+json, "
                + "application/json-patch+json, application/strategic-merge-patch+json", null, null, null, null);
        };
    }

    /** Parses a patch body up front, so a malformed patch is a 400 before anything is read or written. */
    public static JsonValue parse(Type type, byte[] body) {
        JsonValue patch;
        try {
            patch = JSON_P.createReader(new StringReader(RequestBodies.utf8(body))).readValue();
        } catch (JsonException e) {
            throw ApiException.badRequest("the patch is not valid JSON: " + e.getMessage());
        }
        if (type == Type.JSON && patch.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("a JSON patch must be an array of operations");
        }
        if (type == Type.STRATEGIC && patch.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("a strategic merge patch must be a JSON object");
        }
        if (type == Type.JSON) {
            try {
                JSON_P.createPatch(patch.asJsonArray());
            } catch (JsonException | ClassCastException e) {
                throw ApiException.badRequest("the JSON patch is not valid: " + e.getMessage());
            }
        }
        return patch;
    }

    /**
     * Applies a parsed patch to an object; {@code meta} says how the kind's lists merge under a strategic merge
     * patch. A patch that does not apply (missing path, failed test, a list item without its merge key) is a 4xx.
     */
    public static ObjectNode apply(Type type, JsonValue patch, ObjectNode target, PatchMeta meta) {
        if (type == Type.STRATEGIC) {
            try {
                return StrategicMergePatch.apply(target, (ObjectNode) Json.tree(patch.toString()), meta);
            } catch (PatchException e) {
                throw new ApiException(e.invalid() ? 422 : 400, e.invalid() ? "Invalid" : "BadRequest", e.getMessage(),
                    null, null, null, null);
            }
        }
        return applyJson(type, patch, target);
    }

    /** Applies a patch to an object whose fields have no patch strategies (a Scale); see the other apply. */
    public static ObjectNode apply(Type type, JsonValue patch, ObjectNode target) {
        return apply(type, patch, target, PatchMeta.UNKNOWN);
    }

    private static ObjectNode applyJson(Type type, JsonValue patch, ObjectNode target) {
        JsonStructure original = JSON_P.createReader(new StringReader(Json.write(target))).read();
        JsonValue result;
        try {
            result = type == Type.MERGE
                ? JSON_P.createMergePatch(patch).apply(original)
                : JSON_P.createPatch(patch.asJsonArray()).apply(original);
        } catch (JsonException e) {
            throw new ApiException(422, "Invalid", "the patch could not be applied: " + e.getMessage(),
                null, null, null, null);
        }
        JsonNode node = Json.tree(result.toString());
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the patch must leave an object, not " + node.getNodeType());
        }
        return object;
    }
}
