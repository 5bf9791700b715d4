package io.j8s.common.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query of a list or watch. All fields are optional.
 *
 * @param continueToken   the {@code continue} token from the previous page
 * @param resourceVersion for a list, how fresh it must be; for {@link ApiClient#watch} it is given separately
 * @param timeoutSeconds  for a watch, when the server should end the stream
 */
public record ListOptions(
        String labelSelector,
        String fieldSelector,
        Long limit,
        String continueToken,
        String resourceVersion,
        Integer timeoutSeconds) {

    public static final ListOptions NONE = new ListOptions(null, null, null, null, null, null);

    public static ListOptions labelSelector(String selector) {
        return NONE.withLabelSelector(selector);
    }

    public static ListOptions fieldSelector(String selector) {
        return NONE.withFieldSelector(selector);
    }

    public ListOptions withLabelSelector(String value) {
        return new ListOptions(value, fieldSelector, limit, continueToken, resourceVersion, timeoutSeconds);
    }

    public ListOptions withFieldSelector(String value) {
        return new ListOptions(labelSelector, value, limit, continueToken, resourceVersion, timeoutSeconds);
    }

    public ListOptions withLimit(Long value) {
        return new ListOptions(labelSelector, fieldSelector, value, continueToken, resourceVersion, timeoutSeconds);
    }

    public ListOptions withContinueToken(String value) {
        return new ListOptions(labelSelector, fieldSelector, limit, value, resourceVersion, timeoutSeconds);
    }

    public ListOptions withResourceVersion(String value) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, value, timeoutSeconds);
    }

    public ListOptions withTimeoutSeconds(Integer value) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, resourceVersion, value);
    }

    /** The query parameters a list sends, under Kubernetes' names, skipping empty ones. */
    Map<String, String> listParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        putIfPresent(params, "labelSelector", labelSelector);
        putIfPresent(params, "fieldSelector", fieldSelector);
        putIfPresent(params, "limit", limit == null ? null : limit.toString());
        putIfPresent(params, "continue", continueToken);
        putIfPresent(params, "resourceVersion", resourceVersion);
        return params;
    }

    /** The query parameters of a watch from {@code fromResourceVersion}, with bookmarks asked for. */
    Map<String, String> watchParameters(String fromResourceVersion) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("watch", "true");
        putIfPresent(params, "labelSelector", labelSelector);
        putIfPresent(params, "fieldSelector", fieldSelector);
        putIfPresent(params, "resourceVersion", fromResourceVersion);
        params.put("allowWatchBookmarks", "true");
        putIfPresent(params, "timeoutSeconds", timeoutSeconds == null ? null : timeoutSeconds.toString());
        return params;
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(name, value);
        }
    }
}
