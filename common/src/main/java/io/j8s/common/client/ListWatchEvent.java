package io.j8s.common.client;

import io.j8s.common.api.meta.WatchEvent;
import java.util.List;

/** What {@link ApiClient#listAndWatch} emits: a full (re)list, then the changes after it. */
public sealed interface ListWatchEvent<T> {

    /** The complete current state; a cache should replace its contents with {@code items}. */
    record Listed<T>(List<T> items, String resourceVersion) implements ListWatchEvent<T> {
    }

    /** One ADDED, MODIFIED or DELETED event (bookmarks are consumed, never emitted). */
    record Changed<T>(WatchEvent<T> event) implements ListWatchEvent<T> {
    }
}
