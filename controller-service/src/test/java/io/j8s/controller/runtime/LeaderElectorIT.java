package io.j8s.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.PatchType;
import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElector;
import io.j8s.testsupport.ApiServerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Two candidates for one Lease through the real API server: one leads, hand-over on release and on loss. */
class LeaderElectorIT {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(300);

    private final ApiClient client = new ApiClient(ApiServerProcess.shared().url());

    @Test
    void exactlyOneLeadsAndAReleasedLeaseIsTakenOverAtOnce() {
        String lease = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Candidate a = new Candidate(lease, "a");
        Candidate b = new Candidate(lease, "b");
        a.elector.start();
        b.elector.start();
        try {
            await(() -> a.elector.isLeader() || b.elector.isLeader(), Duration.ofSeconds(10));
            sleep(RETRY.multipliedBy(4).toMillis());
            assertThat(a.elector.isLeader() ^ b.elector.isLeader()).as("exactly one leader").isTrue();
            Candidate leader = a.elector.isLeader() ? a : b;
            Candidate standby = leader == a ? b : a;
            assertThat(holder(lease)).isEqualTo(leader.elector.identity());
            assertThat(standby.started.get()).isZero();

            Instant stopped = Instant.now();
            leader.elector.stop();
            assertThat(leader.stopped.get()).isEqualTo(1);
            await(standby.elector::isLeader, LEASE);
            // Released, not expired: the standby takes over well before the lease duration.
            assertThat(Duration.between(stopped, Instant.now())).isLessThan(LEASE);
            assertThat(holder(lease)).isEqualTo(standby.elector.identity());
        } finally {
            a.elector.stop();
            b.elector.stop();
        }
    }

    @Test
    void aLeaderThatLosesItsLeaseStopsActingWithinTheRenewDeadline() {
        String lease = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Candidate a = new Candidate(lease, "a");
        a.elector.start();
        try {
            await(a.elector::isLeader, Duration.ofSeconds(10));
            // Someone else takes the Lease (as a partitioned leader would find after its lease ran out).
            client.patch(Resources.LEASES, "kube-system", lease, PatchType.MERGE,
                "{\"spec\":{\"holderIdentity\":\"intruder\",\"renewTime\":\"" + micro(Instant.now().plusSeconds(60))
                    + "\",\"leaseDurationSeconds\":60}}").block(Duration.ofSeconds(10));
            await(() -> a.stopped.get() == 1, RENEW_DEADLINE.plus(LEASE));
            assertThat(a.elector.isLeader()).isFalse();
            assertThat(holder(lease)).isEqualTo("intruder");
        } finally {
            a.elector.stop();
        }
    }

    private String holder(String lease) {
        Lease current = client.get(Resources.LEASES, "kube-system", lease).block(Duration.ofSeconds(10));
        return current.spec().holderIdentity();
    }

    private static String micro(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    private final class Candidate {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();
        final LeaderElector elector;

        Candidate(String lease, String name) {
            elector = new LeaderElector(client,
                new LeaderElectionConfig("kube-system", lease, name + "-" + UUID.randomUUID(), LEASE, RENEW_DEADLINE, RETRY),
                started::incrementAndGet, stopped::incrementAndGet);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("condition not met within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
