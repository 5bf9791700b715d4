package io.j8s.controller.manager;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Shows in {@code /actuator/health} whether this replica leads (a standby is healthy too). */
@Component("leadership")
class LeadershipHealthIndicator implements HealthIndicator {

    private final ControllerManager manager;

    LeadershipHealthIndicator(ControllerManager manager) {
        this.manager = manager;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("leader", manager.isLeader()).withDetail("identity", manager.identity()).build();
    }
}
