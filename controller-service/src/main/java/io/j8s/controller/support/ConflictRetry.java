package io.j8s.controller.support;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of one object with optimistic concurrency, as client-go's {@code retry.RetryOnConflict}
 * around a Get and an Update: the change is applied to the object as last seen (first the caller's copy,
 * usually from a cache; after a 409 Conflict a fresh GET) and written with its resourceVersion, so a
 * concurrent writer is never overwritten.
 */
public final class ConflictRetry {

    private static final int ATTEMPTS = 5;

    private ConflictRetry() {
    }

    /**
     * Writes {@code change(latest)} through the main resource ({@code subresource} false) or {@code /status}.
     *
     * @param change returns the object to write, or null when the latest object needs no change
     * @return the written object; empty when there was nothing to change or the object is gone
     */
    public static <T extends KubeObject<T>> Optional<T> update(ApiClient client, ResourceType<T> type, T current,
                                                              boolean status, UnaryOperator<T> change,
                                                              Duration timeout) {
        T latest = current;
        for (int attempt = 1; ; attempt++) {
            T desired = change.apply(latest);
            if (desired == null) {
                return Optional.empty();
            }
            try {
                T written = status ? client.updateStatus(type, desired).block(timeout)
                    : client.update(type, desired).block(timeout);
                return Optional.ofNullable(written);
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                if (!e.isConflict() || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            try {
                latest = client.get(type, current.namespace(), current.name()).block(timeout);
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                throw e;
            }
            if (latest == null || !sameObject(current, latest)) {
                return Optional.empty(); // deleted and recreated under the same name: not ours to change
            }
        }
    }

    private static boolean sameObject(KubeObject<?> a, KubeObject<?> b) {
        String uid = a.metadata() == null ? null : a.metadata().uid();
        return uid == null || uid.equals(b.metadata().uid());
    }
}
