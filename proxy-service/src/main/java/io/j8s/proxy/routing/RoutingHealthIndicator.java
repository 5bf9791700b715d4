package io.j8s.proxy.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health}: up once every Service and Endpoints has been listed, with how many Services are routed. */
@Component("routing")
class RoutingHealthIndicator implements HealthIndicator {

    private final RouteWatcher watcher;
    private final RoutingTable table;

    RoutingHealthIndicator(RouteWatcher watcher, RoutingTable table) {
        this.watcher = watcher;
        this.table = table;
    }

    @Override
    public Health health() {
        Health.Builder health = watcher.synced() ? Health.up() : Health.down().withDetail("reason",
            "Services and Endpoints not listed yet (is the API server up?)");
        return health.withDetail("services", table.routes().size())
            .withDetail("nodePorts", table.nodePorts().size())
            .build();
    }
}
