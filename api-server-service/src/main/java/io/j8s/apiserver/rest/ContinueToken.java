package io.j8s.apiserver.rest;

import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * Where the next page of a list starts: the revision the first page was read at (so every page is read at
 * the same revision) and the last key returned, relative to the list's prefix so a token cannot reach
 * outside the collection it came from.
 */
record ContinueToken(long revision, String start) {

    String encode() {
        String json = Json.mapper().createObjectNode().put("v", "meta.k8s.io/v1").put("rv", revision)
            .put("start", start).toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            JsonNode node = Json.tree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            long revision = node.path("rv").asLong(0);
            String start = node.path("start").asString(null);
            if (revision <= 0 || start == null || start.contains("..")) {
                throw new IllegalArgumentException("missing fields");
            }
            return new ContinueToken(revision, start);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid continue token: it must be a value returned by a previous list");
        }
    }
}
