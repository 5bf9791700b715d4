package io.j8s.common.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.meta.Status;
import io.j8s.common.client.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Leader election against an in-memory Lease that checks resourceVersions like the API server. */
class LeaderElectorTest {

    private static final String MICRO_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    /** One Lease with optimistic concurrency, and a switch to make the server unreachable. */
    static final class FakeLeases implements LeaseClient {
        Lease lease;
        long version;
        boolean down;
        Runnable beforeNextUpdate;

        @Override
        public synchronized Optional<Lease> get(String namespace, String name, Duration timeout) {
            failIfDown();
            return Optional.ofNullable(lease);
        }

        @Override
        public synchronized Lease create(Lease fresh, Duration timeout) {
            failIfDown();
            if (lease != null) {
                throw new ApiException(Status.failure(409, "AlreadyExists", "leases already exists"));
            }
            lease = fresh.withMetadata(fresh.metadata().withResourceVersion(String.valueOf(++version)));
            return lease;
        }

        @Override
        public Lease update(Lease changed, Duration timeout) {
            Runnable hook = beforeNextUpdate;
            beforeNextUpdate = null;
            if (hook != null) {
                hook.run();
            }
            synchronized (this) {
                failIfDown();
                if (!lease.metadata().resourceVersion().equals(changed.metadata().resourceVersion())) {
                    throw new ApiException(Status.failure(409, "Conflict", "the object has been modified"));
                }
                lease = changed.withMetadata(changed.metadata().withResourceVersion(String.valueOf(++version)));
                return lease;
            }
        }

        private void failIfDown() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }
    }

    /** Runs callbacks at once on the calling thread, so tests see them synchronously. */
    static final class DirectExecutor extends AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** Monotonic and wall time moved together by the test; each candidate may run its own offset. */
    static final class FakeTime {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        final Instant epoch = Instant.parse("2026-11-21T23:59:00.123456789Z");

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        Clock clock(Duration skew) {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return epoch.plusNanos(nanos.get()).plus(skew);
                }
            };
        }
    }

    private final FakeLeases leases = new FakeLeases();
    private final FakeTime time = new FakeTime();
    private final List<String> callbacks = new ArrayList<>();

    private LeaderElector candidate(String identity) {
        return candidate(identity, Duration.ZERO);
    }

    private LeaderElector candidate(String identity, Duration clockSkew) {
        LeaderElectionConfig config = new LeaderElectionConfig(null, "controller-manager", identity, null, null, null);
        return new LeaderElector(leases, config,
                () -> callbacks.add(identity + " started"), () -> callbacks.add(identity + " stopped"),
                time.clock(clockSkew), time.nanos::get, new DirectExecutor());
    }

    @Test
    void configDefaultsAreKubernetes() {
        LeaderElectionConfig config = LeaderElectionConfig.of("scheduler", "me");

        assertThat(config.namespace()).isEqualTo("kube-system");
        assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> new LeaderElectionConfig(null, "x", "me", Duration.ofSeconds(5),
                Duration.ofSeconds(10), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstCandidateCreatesTheLeaseAndLeads() {
        LeaderElector a = candidate("a");

        a.step();

        assertThat(a.isLeader()).isTrue();
        assertThat(callbacks).containsExactly("a started");
        assertThat(leases.lease.metadata().namespace()).isEqualTo("kube-system");
        assertThat(leases.lease.metadata().name()).isEqualTo("controller-manager");
        assertThat(leases.lease.spec().holderIdentity()).isEqualTo("a");
        assertThat(leases.lease.spec().leaseDurationSeconds()).isEqualTo(15);
        assertThat(leases.lease.spec().leaseTransitions()).isZero();
        assertThat(leases.lease.spec().acquireTime()).matches(MICRO_TIME).isEqualTo("2026-11-21T23:59:01.123456Z");
        assertThat(leases.lease.spec().renewTime()).isEqualTo(leases.lease.spec().acquireTime());
    }

    @Test
    void aStandbyWaitsWhileTheLeaderRenewsAndTakesOverOnlyAfterTheLeaseDuration() {
        LeaderElector a = candidate("a");
        // Wall clocks an hour apart must not matter: expiry is judged by when the standby saw a change.
        LeaderElector b = candidate("b", Duration.ofHours(-1));
        a.step();
        String acquired = leases.lease.spec().acquireTime();

        for (int i = 0; i < 30; i++) {
            time.advance(Duration.ofSeconds(2));
            a.step();
            b.step();
        }
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(leases.lease.spec().acquireTime()).as("renewals keep the acquire time").isEqualTo(acquired);

        // a dies (kill -9): no more renewals.
        time.advance(Duration.ofSeconds(2));
        b.step();
        time.advance(Duration.ofSeconds(12));
        b.step();
        assertThat(b.isLeader()).as("15 s have not passed since b last saw the lease change").isFalse();
        time.advance(Duration.ofSeconds(2));
        b.step();

        assertThat(b.isLeader()).isTrue();
        assertThat(leases.lease.spec().holderIdentity()).isEqualTo("b");
        assertThat(leases.lease.spec().leaseTransitions()).isEqualTo(1);
        assertThat(leases.lease.spec().acquireTime()).isNotEqualTo(acquired);
        assertThat(callbacks).containsExactly("a started", "b started");
    }

    @Test
    void ofTwoCandidatesWritingAtOnceOnlyOneWins() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.step();
        a.stop(); // released: both may take it now
        callbacks.clear();

        // b's write lands between a's read and a's write.
        leases.beforeNextUpdate = b::step;
        a.step();

        assertThat(b.isLeader()).isTrue();
        assertThat(a.isLeader()).isFalse();
        assertThat(leases.lease.spec().holderIdentity()).isEqualTo("b");
        assertThat(callbacks).containsExactly("b started");
    }

    @Test
    void aLeaderThatCannotRenewWithinTheDeadlineStopsLeading() {
        LeaderElector a = candidate("a");
        a.step();
        leases.down = true;

        time.advance(Duration.ofSeconds(2));
        a.step();
        time.advance(Duration.ofSeconds(7));
        a.step();
        assertThat(a.isLeader()).as("9 s without renewal: still within the 10 s deadline").isTrue();

        time.advance(Duration.ofSeconds(1));
        assertThat(a.isLeader()).as("not leader the moment the deadline passes").isFalse();
        a.step();
        assertThat(callbacks).containsExactly("a started", "a stopped");

        // The server is back and the Lease still names a: it leads again.
        leases.down = false;
        time.advance(Duration.ofSeconds(2));
        a.step();
        assertThat(a.isLeader()).isTrue();
        assertThat(leases.lease.spec().leaseTransitions()).as("the record was ours all along").isZero();
        assertThat(callbacks).containsExactly("a started", "a stopped", "a started");
    }

    @Test
    void aLeaderThatFindsSomeoneElseHoldingTheLeaseStopsAtOnce() {
        LeaderElector a = candidate("a");
        a.step();
        leases.lease = leases.lease.withSpec(leases.lease.spec().withHolderIdentity("intruder"));

        time.advance(Duration.ofSeconds(2));
        a.step();

        assertThat(a.isLeader()).isFalse();
        assertThat(callbacks).containsExactly("a started", "a stopped");
    }

    @Test
    void stopReleasesTheLeaseSoAStandbyTakesOverAtOnce() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.step();
        time.advance(Duration.ofSeconds(1));
        b.step();

        a.stop();

        assertThat(callbacks).containsExactly("a started", "a stopped");
        assertThat(a.isLeader()).isFalse();
        assertThat(leases.lease.spec().holderIdentity()).isNull();
        time.advance(Duration.ofSeconds(2));
        b.step();
        assertThat(b.isLeader()).isTrue();
        assertThat(leases.lease.spec().leaseTransitions()).isEqualTo(1);
        assertThat(leases.lease.spec().leaseDurationSeconds()).isEqualTo(15);
    }

    @Test
    void aStandbyThatStopsLeavesTheLeaseAlone() {
        LeaderElector a = candidate("a");
        LeaderElector b = candidate("b");
        a.step();
        b.step();
        Lease before = leases.lease;

        b.stop();

        assertThat(leases.lease).isSameAs(before);
        assertThat(callbacks).containsExactly("a started");
    }

    @Test
    void runsOnItsOwnThreadWithRealTime() throws InterruptedException {
        LeaderElectionConfig fast = new LeaderElectionConfig("ns", "fast", "solo", Duration.ofMillis(600),
                Duration.ofMillis(400), Duration.ofMillis(50));
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        LeaderElector elector = new LeaderElector(leases, fast, () -> events.add("started"),
                () -> events.add("stopped"), Clock.systemUTC(), System::nanoTime, null);

        elector.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!elector.isLeader() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(elector.isLeader()).isTrue();
        Thread.sleep(300);
        assertThat(elector.isLeader()).as("renewing keeps it leader past the renew deadline").isTrue();
        String renewed = leases.lease.spec().renewTime();
        assertThat(renewed).isNotEqualTo(leases.lease.spec().acquireTime());

        elector.stop();

        assertThat(events).containsExactly("started", "stopped");
        assertThat(leases.lease.spec().holderIdentity()).isNull();
        assertThat(elector.identity()).isEqualTo("solo");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("fast-leader-elector", "fast-leader-callbacks");
    }
}
