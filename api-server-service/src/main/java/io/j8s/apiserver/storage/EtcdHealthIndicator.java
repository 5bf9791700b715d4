package io.j8s.apiserver.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reports etcd in {@code /actuator/health}, with the current revision when it answers. */
@Component("etcd")
class EtcdHealthIndicator implements ReactiveHealthIndicator {

    private final EtcdStorage etcd;

    EtcdHealthIndicator(EtcdStorage etcd) {
        this.etcd = etcd;
    }

    @Override
    public Mono<Health> health() {
        return etcd.currentRevision()
            .map(revision -> Health.up().withDetail("revision", revision).build())
            .onErrorResume(error -> Mono.just(Health.down().withDetail("error", error.getMessage()).build()));
    }
}
