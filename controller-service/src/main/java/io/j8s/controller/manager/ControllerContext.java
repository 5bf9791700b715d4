package io.j8s.controller.manager;

import io.j8s.common.client.ApiClient;
import io.j8s.common.events.EventRecorder;
import java.time.Clock;

/** What every control loop gets for one leadership term: the API, the shared informers, events, settings. */
public record ControllerContext(ApiClient client, Informers informers, ControllerProperties properties, Clock clock,
                                String host) {

    /** Events recorded as {@code component}, the way each Kubernetes controller reports itself. */
    public EventRecorder recorder(String component) {
        return new EventRecorder(client, component, host);
    }
}
