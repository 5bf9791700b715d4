package io.j8s.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one service port, tagged namespace, service and port: requests by status class with their
 * latency ({@code j8s_proxy_requests_seconds}), errors the proxy answered itself by reason
 * ({@code j8s_proxy_errors_total}), and requests that failed over to another endpoint
 * ({@code j8s_proxy_failovers_total}).
 */
public final class RouteMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    /** One timer per status class, 1xx to 5xx, registered on first use. */
    private final Timer[] requests = new Timer[6];
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter failovers;

    RouteMetrics(MeterRegistry registry, String namespace, String service, String port) {
        this.registry = registry;
        this.tags = Tags.of("namespace", namespace, "service", service, "port", port);
        this.failovers = Counter.builder("j8s.proxy.failovers").tags(tags)
            .description("Requests sent on to another endpoint after one refused or reset the connection")
            .register(registry);
    }

    /** A request answered with {@code status} after {@code nanos}, body included. */
    public void request(int status, long nanos) {
        int statusClass = status >= 100 && status < 600 ? status / 100 : 0;
        Timer timer = requests[statusClass];
        if (timer == null) {
            timer = Timer.builder("j8s.proxy.requests").tags(tags).tag("code", statusClass == 0 ? "other" : statusClass + "xx")
                .description("Requests proxied to the service, by status class, with their latency")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
            requests[statusClass] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The proxy answered an error itself: {@code no_endpoints} (503), {@code endpoints_failed} (502), ... */
    public void error(String reason) {
        errors.computeIfAbsent(reason, r -> ProxyMetrics.errorCounter(registry, tags, r)).increment();
    }

    public void failover() {
        failovers.increment();
    }

    /** Every meter of this port, to remove when the port is gone. */
    List<Meter> meters() {
        List<Meter> meters = new ArrayList<>(errors.values());
        meters.add(failovers);
        for (Timer timer : requests) {
            if (timer != null) {
                meters.add(timer);
            }
        }
        return meters;
    }
}
