package io.j8s.common.events;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Event;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.PatchType;
import reactor.core.publisher.Mono;

/** Where an {@link EventRecorder} writes: the API server, or a fake in tests. */
interface EventSink {

    Mono<Event> create(Event event);

    /** A JSON merge patch of the event {@code namespace/name}. */
    Mono<Event> patch(String namespace, String name, String mergePatch);

    static EventSink of(ApiClient client) {
        return new EventSink() {
            @Override
            public Mono<Event> create(Event event) {
                return client.create(Resources.EVENTS, event);
            }

            @Override
            public Mono<Event> patch(String namespace, String name, String mergePatch) {
                return client.patch(Resources.EVENTS, namespace, name, PatchType.MERGE, mergePatch);
            }
        };
    }
}
