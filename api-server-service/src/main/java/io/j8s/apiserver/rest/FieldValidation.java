package io.j8s.apiserver.rest;

import io.j8s.apiserver.openapi.v3.ObjectSchemas;
import io.j8s.apiserver.registry.ResourceDefinition;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code ?fieldValidation=} on create, update and patch, checked against the kind's upstream schema: {@code Strict}
 * rejects an object with fields its kind does not have (kubectl sends Strict by default), {@code Warn} accepts it
 * with a {@code Warning} header per field, {@code Ignore} (and no parameter) accepts it silently. Accepted unknown
 * fields are kept, as j8s always has.
 */
enum FieldValidation {
    IGNORE, WARN, STRICT;

    static FieldValidation from(ServerRequest request) {
        String value = request.queryParam("fieldValidation").orElse("");
        return switch (value) {
            case "", "Ignore" -> IGNORE;
            case "Warn" -> WARN;
            case "Strict" -> STRICT;
            default -> throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + value
                + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        };
    }

    /**
     * Checks an object about to be stored; returns the warnings to send (Warn), or throws kube-apiserver's strict
     * decoding error (Strict).
     */
    List<String> check(ObjectSchemas schemas, ResourceDefinition def, JsonNode object) {
        if (this == IGNORE) {
            return List.of();
        }
        List<String> unknown = schemas.unknownFields(def, object).stream()
            .map(path -> "unknown field \"" + path + "\"").toList();
        if (this == STRICT && !unknown.isEmpty()) {
            throw ApiException.badRequest(def.kind() + " in version \"" + def.version() + "\" cannot be handled as a "
                + def.kind() + ": strict decoding error: " + String.join(", ", unknown));
        }
        return unknown;
    }

    /** Adds one {@code Warning: 299 - "text"} header per warning, as kube-apiserver sends them. */
    static void addWarnings(HttpHeaders headers, List<String> warnings) {
        for (String warning : warnings) {
            headers.add("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

}
