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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
    private final Duration ejection;
    private final Map<Endpoint, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public EndpointHealth(ProxyProperties properties, RoutingTable table, MeterRegistry meters) {
        ProxyProperties.Ejection settings = properties.ejection();
        this.ejection = settings.duration();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.window())
            .minimumNumberOfCalls(settings.minimumRequests())
            .failureRateThreshold(settings.failureRatePercent())
            .waitDurationInOpenState(settings.duration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .writableStackTraceEnabled(false)
            .build());
        table.addListener(change -> {
            if (change.before() != null) {
                Set<Endpoint> still = table.readyEndpoints();
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
        return breakers.computeIfAbsent(endpoint, e -> registry.circuitBreaker(e.address()));
    }

    /**
     * Records a connection failure. (Transitions are logged here rather than through the breaker's event
     * publisher, which with any listener builds an event object for every request.)
     */
    void failed(Endpoint endpoint, CircuitBreaker breaker, long nanos, Throwable cause) {
        CircuitBreaker.State before = breaker.getState();
        breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        if (before != CircuitBreaker.State.OPEN && breaker.getState() == CircuitBreaker.State.OPEN) {
            log.info("Endpoint {} ejected for {} s after repeated connection failures", endpoint.address(),
                ejection.toSeconds());
        }
    }

    /** Records a response (of any status: the pod answered). */
    void succeeded(Endpoint endpoint, CircuitBreaker breaker, long nanos) {
        CircuitBreaker.State before = breaker.getState();
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        if (before != CircuitBreaker.State.CLOSED && breaker.getState() == CircuitBreaker.State.CLOSED) {
            log.info("Endpoint {} is back in rotation", endpoint.address());
        }
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
}
