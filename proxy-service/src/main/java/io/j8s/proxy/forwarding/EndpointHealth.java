package io.j8s.proxy.forwarding;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.routing.Endpoint;
import io.j8s.proxy.routing.PortRoute;
import io.j8s.proxy.routing.RoutingTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes endpoints that keep refusing or resetting connections out of rotation for a while (outlier ejection):
 * one resilience4j circuit breaker per endpoint, fed only with connection failures; a response of any status is a
 * success, since the pod answered. Open means ejected; after the ejection one trial request decides whether the
 * endpoint comes back. An endpoint that leaves every route is forgotten, so a pod that returns starts afresh.
 */
@Component
public class EndpointHealth {

    private static final Logger log = LoggerFactory.getLogger(EndpointHealth.class);

    private final CircuitBreakerRegistry registry;
    private final Map<Endpoint, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public EndpointHealth(ProxyProperties properties, RoutingTable table, MeterRegistry meters) {
        ProxyProperties.Ejection ejection = properties.ejection();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(ejection.window())
            .minimumNumberOfCalls(ejection.minimumRequests())
            .failureRateThreshold(ejection.failureRatePercent())
            .waitDurationInOpenState(ejection.duration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .writableStackTraceEnabled(false)
            .build());
        table.addListener(change -> {
            if (change.before() != null) {
                Set<Endpoint> still = endpointsOf(table);
                for (PortRoute port : change.before().ports()) {
                    port.ready().stream().filter(endpoint -> !still.contains(endpoint)).forEach(this::forget);
                }
            }
        });
        Gauge.builder("j8s.proxy.endpoints.ejected", this, EndpointHealth::ejected)
            .description("Endpoints out of rotation because they kept failing")
            .register(meters);
    }

    /** The breaker of {@code endpoint}; ask it {@code tryAcquirePermission()} before each request. */
    public CircuitBreaker breaker(Endpoint endpoint) {
        return breakers.computeIfAbsent(endpoint, e -> {
            CircuitBreaker breaker = registry.circuitBreaker(e.address());
            breaker.getEventPublisher().onStateTransition(event -> {
                switch (event.getStateTransition().getToState()) {
                    case OPEN -> log.info("Endpoint {} ejected for {} after repeated connection failures",
                        e.address(), registry.getDefaultConfig().getWaitIntervalFunctionInOpenState().apply(1) + "ms");
                    case CLOSED -> log.info("Endpoint {} is back in rotation", e.address());
                    default -> {
                        // half-open: a trial request is about to decide
                    }
                }
            });
            return breaker;
        });
    }

    /** How many endpoints are ejected right now. */
    public int ejected() {
        return (int) breakers.values().stream().filter(b -> b.getState() == CircuitBreaker.State.OPEN).count();
    }

    private void forget(Endpoint endpoint) {
        if (breakers.remove(endpoint) != null) {
            registry.remove(endpoint.address());
        }
    }

    private static Set<Endpoint> endpointsOf(RoutingTable table) {
        Set<Endpoint> all = new HashSet<>();
        table.routes().forEach(route -> route.ports().forEach(port -> all.addAll(port.ready())));
        return all;
    }
}
