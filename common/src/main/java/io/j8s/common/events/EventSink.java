package io.j8s.common.events;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Event;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.PatchType;
import reactor.core.publisher.Mono;

/** Where an {@link EventRecorder} writes: the API server, or a fake in tests. */
interface EventSink {

    /** Completes when the server stored the event (its answer is not decoded: nobody reads it). */
    Mono<Void> create(Event event);

    /** A JSON merge patch of the event {@code namespace/name}. */
    Mono<Void> patch(String namespace, String name, String mergePatch);

    static EventSink of(ApiClient client) {
        return new EventSink() {
            @Override
            public Mono<Void> create(Event event) {
                return client.createWithoutResult(Resources.EVENTS, event);
            }

            @Override
            public Mono<Void> patch(String namespace, String name, String mergePatch) {
                return client.patchWithoutResult(Resources.EVENTS, namespace, name, PatchType.MERGE, mergePatch);
            }
        };
    }
}
