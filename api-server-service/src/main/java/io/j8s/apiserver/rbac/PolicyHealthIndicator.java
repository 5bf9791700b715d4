package io.j8s.apiserver.rbac;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports in {@code /actuator/health} whether the RBAC bootstrap policy is stored and cached: until it is, components
 * would see 503s, so the server is not healthy yet.
 */
@Component("rbac")
class PolicyHealthIndicator implements HealthIndicator {

    private final PolicyBootstrapper policy;

    PolicyHealthIndicator(PolicyBootstrapper policy) {
        this.policy = policy;
    }

    @Override
    public Health health() {
        return policy.isReady() ? Health.up().build()
            : Health.down().withDetail("reason", "the RBAC bootstrap policy is not loaded yet").build();
    }
}
