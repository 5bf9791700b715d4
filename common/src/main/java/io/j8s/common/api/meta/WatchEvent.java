package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a watch stream. For BOOKMARK the object carries only kind, apiVersion and
 * metadata.resourceVersion; for ERROR it is a {@link Status}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchEvent<T>(Type type, T object) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }

    public static <T> WatchEvent<T> added(T object) {
        return new WatchEvent<>(Type.ADDED, object);
    }

    public static <T> WatchEvent<T> modified(T object) {
        return new WatchEvent<>(Type.MODIFIED, object);
    }

    public static <T> WatchEvent<T> deleted(T object) {
        return new WatchEvent<>(Type.DELETED, object);
    }
}
