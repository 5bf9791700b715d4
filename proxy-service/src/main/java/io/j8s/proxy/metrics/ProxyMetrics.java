package io.j8s.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The proxy's meters, served by Actuator at {@code /actuator/prometheus}: one {@link RouteMetrics} per service
 * port, and one error counter for requests that named no known Service (left untagged by name, as any Host header
 * could otherwise grow the label set without bound).
 */
@Component
public class ProxyMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, RouteMetrics> routes = new ConcurrentHashMap<>();
    private final Counter unknownService;

    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unknownService = errorCounter(registry, Tags.of("namespace", "", "service", "", "port", ""), "service_not_found");
    }

    public RouteMetrics route(String namespace, String service, String port) {
        return routes.computeIfAbsent(namespace + "/" + service + ":" + port,
            k -> new RouteMetrics(registry, namespace, service, port));
    }

    /** Drops the meters of a service port that no longer exists. */
    public void remove(String namespace, String service, String port) {
        RouteMetrics gone = routes.remove(namespace + "/" + service + ":" + port);
        if (gone != null) {
            gone.meters().forEach(registry::remove);
        }
    }

    public void unknownService() {
        unknownService.increment();
    }

    static Counter errorCounter(MeterRegistry registry, Tags tags, String reason) {
        return Counter.builder("j8s.proxy.errors").tags(tags).tag("reason", reason)
            .description("Requests the proxy answered with an error of its own, by reason")
            .register(registry);
    }
}
