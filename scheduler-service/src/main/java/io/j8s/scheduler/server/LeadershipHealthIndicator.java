package io.j8s.scheduler.server;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Shows in {@code /actuator/health} whether this replica leads (a standby is healthy too). */
@Component("leadership")
class LeadershipHealthIndicator implements HealthIndicator {

    private final SchedulerServer server;

    LeadershipHealthIndicator(SchedulerServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("leader", server.isLeader()).withDetail("identity", server.identity()).build();
    }
}
