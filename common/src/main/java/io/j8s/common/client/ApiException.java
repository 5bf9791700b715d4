package io.j8s.common.client;

import io.j8s.common.api.meta.Status;
import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A failure reported by the API server, carrying its {@link Status}. Unchecked: callers test
 * {@link #isNotFound()} / {@link #isConflict()} where those are expected outcomes.
 */
public class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status) {
        super(describe(status));
        this.status = status;
    }

    /**
     * The exception for a non-2xx response: its body when that is a Status, otherwise a Status
     * made from the HTTP code and whatever text came back (a proxy's error page, say).
     */
    public static ApiException fromResponse(int httpCode, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.tree(text);
            if (node.isObject() && "Status".equals(node.path("kind").asString(""))) {
                Status status = Json.convert(node, Status.class);
                if (status.code() == null) {
                    status = new Status(status.apiVersion(), status.kind(), status.metadata(), status.status(),
                            status.message(), status.reason(), status.details(), httpCode, status.extra());
                }
                return new ApiException(status);
            }
        } catch (JacksonException | IllegalArgumentException notJson) {
            // fall through: the body is not a Status
        }
        String message = text.isBlank() ? "the server responded with HTTP " + httpCode : text.strip();
        return new ApiException(Status.failure(httpCode, reasonFor(httpCode), message));
    }

    /** The StatusReason Kubernetes uses for an HTTP code when the body does not say. */
    static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "";
        };
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code() == null ? 0 : status.code();
    }

    public String reason() {
        return status.reason() == null ? "" : status.reason();
    }

    public boolean isNotFound() {
        return "NotFound".equals(reason()) || (reason().isEmpty() && code() == 404);
    }

    /** A stale resourceVersion on update (409 Conflict), not to be confused with {@link #isAlreadyExists()}. */
    public boolean isConflict() {
        return "Conflict".equals(reason()) || (reason().isEmpty() && code() == 409);
    }

    public boolean isAlreadyExists() {
        return "AlreadyExists".equals(reason());
    }

    public boolean isInvalid() {
        return "Invalid".equals(reason()) || (reason().isEmpty() && code() == 422);
    }

    /** The watch's resourceVersion is too old (compacted): the caller must list again. */
    public boolean isExpired() {
        return code() == 410 || "Expired".equals(reason()) || "Gone".equals(reason());
    }

    private static String describe(Status status) {
        return status.reason() + " (" + status.code() + "): " + status.message();
    }
}
