package io.j8s.apiserver.rest;

import io.j8s.apiserver.registry.FieldError;
import java.util.List;

/**
 * A request that fails with a Kubernetes Status: the HTTP code, the Status {@code reason}
 * (NotFound, AlreadyExists, Conflict, Invalid, BadRequest, ...), the message kubectl prints after
 * {@code Error from server (Reason):}, and the details (name, group, kind, field causes).
 */
public class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String kind;
    private final List<FieldError> causes;

    public ApiException(int code, String reason, String message, String name, String group, String kind,
                        List<FieldError> causes) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.kind = kind;
        this.causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null, null, null);
    }

    /** {@code pods "x" not found}, with {@code resource} being the plural and {@code group} the API group. */
    public static ApiException notFound(String group, String resource, String name) {
        return new ApiException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found",
            name, group, resource, null);
    }

    /** A path the server does not serve at all. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message, null, null, null, null);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return new ApiException(409, "AlreadyExists",
            qualified(group, resource) + " \"" + name + "\" already exists", name, group, resource, null);
    }

    /** The optimistic-concurrency conflict, worded as kube-apiserver words it. */
    public static ApiException conflict(String group, String resource, String name) {
        return conflict(group, resource, name,
            "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return new ApiException(409, "Conflict",
            "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + why,
            name, group, resource, null);
    }

    /** {@code Pod "x" is invalid: [spec.containers: Required value, ...]}, with one cause per field. */
    public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
        String list = errors.size() == 1 ? errors.get(0).toString()
            : errors.stream().map(FieldError::toString).toList().toString();
        String displayName = name == null || name.isEmpty() ? "" : " \"" + name + "\"";
        return new ApiException(422, "Invalid", kind + displayName + " is invalid: " + list,
            name, group, kind, errors);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message, null, null, null, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null, null, null, null);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: "
                + "application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json-patch+json, "
                + "application/merge-patch+json, application/strategic-merge-patch+json",
            null, null, null, null);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "RequestEntityTooLarge", message, null, null, null, null);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null, null, null, null);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message, null, null, null, null);
    }

    public static ApiException timeout(String message) {
        return new ApiException(504, "Timeout", message, null, null, null, null);
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String name() {
        return name;
    }

    public String group() {
        return group;
    }

    public String kind() {
        return kind;
    }

    public List<FieldError> causes() {
        return causes;
    }
}
