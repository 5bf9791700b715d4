package io.j8s.common.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Support for the {@code extra} component every API record carries: the JSON fields j8s does not
 * model, kept so that a read-modify-write by any client loses nothing it sent.
 */
public final class Extra {

    private Extra() {
    }

    /**
     * An unmodifiable copy, empty for null. Not {@code Map.copyOf}: a client may send
     * {@code "field": null}, and that must survive the round trip too.
     */
    public static Map<String, Object> copyOf(Map<String, Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
