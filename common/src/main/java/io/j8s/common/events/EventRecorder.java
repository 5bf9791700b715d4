package io.j8s.common.events;

import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;

/**
 * Records core/v1 Events about objects, as client-go's EventRecorder with a simplified
 * EventCorrelator: a repeat of the same (object, type, reason, message) within 10 minutes bumps the
 * existing Event's count and lastTimestamp instead of creating another. Fire-and-forget: never
 * blocks or throws to the caller; at most a bounded number of writes are in flight, beyond that
 * events are dropped (and logged).
 */
public final class EventRecorder {

    /**
     * @param component the reporting component, e.g. {@code replicaset-controller}
     * @param host      the host the component runs on, for {@code source.host}; may be null
     */
    public EventRecorder(ApiClient client, String component, String host) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Records a Normal event; the message is {@code String.format(messageFormat, args)}. */
    public void normal(KubeObject<?> involved, String reason, String messageFormat, Object... args) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Records a Warning event; the message is {@code String.format(messageFormat, args)}. */
    public void warning(KubeObject<?> involved, String reason, String messageFormat, Object... args) {
        throw new UnsupportedOperationException("in progress");
    }
}
