package io.j8s.common.leader;

import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.coordination.LeaseSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active-standby through a {@code coordination.k8s.io/v1} Lease, as client-go's leaderelection
 * with a LeaseLock and ReleaseOnCancel. Every candidate tries every retryPeriod to take the Lease
 * when it is free, ours, or has not been renewed for leaseDuration (measured on our own clock from
 * when we last saw it change, so clock skew between hosts does not matter). Writes carry the
 * resourceVersion read, so of two candidates only one wins. A leader that cannot renew within
 * renewDeadline, or finds someone else holding the Lease, stops leading at once and becomes a
 * candidate again.
 *
 * <p>Callbacks run in order on one thread of their own ({@code <lease>-leader-callbacks}), so a
 * slow onStartedLeading does not delay renewals. {@link #isLeader()} turns false the moment
 * leadership is lost, before onStoppedLeading runs. One start per instance.
 */
public final class LeaderElector {

    private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final LeaseClient leases;
    private final LeaderElectionConfig config;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ExecutorService callbacks;
    private final String description;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread thread;

    // Written by the elector thread, and by stop() once that thread has ended (or timed out).
    /** The Lease as last read or written, with the resourceVersion to write against. */
    private volatile Lease observedLease;
    /** Our monotonic clock when {@link #observedLease}'s spec last changed. */
    private volatile long observedNanos;
    private volatile boolean leading;
    private volatile long lastRenewNanos;
    private boolean failureLogged;

    /**
     * @param onStartedLeading run when this candidate becomes leader; should start the work
     * @param onStoppedLeading run when leadership is lost or released; must stop all acting at once
     */
    public LeaderElector(ApiClient client, LeaderElectionConfig config, Runnable onStartedLeading,
            Runnable onStoppedLeading) {
        this(LeaseClient.of(client), config, onStartedLeading, onStoppedLeading, Clock.systemUTC(),
                System::nanoTime, null);
    }

    /** For tests: a Lease without a server, controllable clocks, callbacks on the given executor (null: own thread). */
    LeaderElector(LeaseClient leases, LeaderElectionConfig config, Runnable onStartedLeading,
            Runnable onStoppedLeading, Clock clock, LongSupplier nanoTime, ExecutorService callbackExecutor) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.config = Objects.requireNonNull(config, "config");
        this.onStartedLeading = Objects.requireNonNull(onStartedLeading, "onStartedLeading");
        this.onStoppedLeading = Objects.requireNonNull(onStoppedLeading, "onStoppedLeading");
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.description = "lease " + config.namespace() + "/" + config.leaseName() + " (" + config.identity() + ")";
        this.callbacks = callbackExecutor != null ? callbackExecutor : Executors.newSingleThreadExecutor(runnable -> {
            Thread callbackThread = new Thread(runnable, config.leaseName() + "-leader-callbacks");
            callbackThread.setDaemon(true);
            return callbackThread;
        });
    }

    /** Starts campaigning on a background thread ({@code <lease>-leader-elector}); returns at once. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException(description + ": a leader elector starts once");
        }
        Thread elector = new Thread(this::campaign, config.leaseName() + "-leader-elector");
        elector.setDaemon(true);
        thread = elector;
        elector.start();
        log.info("{}: campaigning for leadership", description);
    }

    private void campaign() {
        while (state.get() == State.RUNNING) {
            step();
            // A little jitter so candidates started together do not keep colliding.
            long sleepNanos = config.retryPeriod().toNanos();
            if (!leading) {
                sleepNanos += (long) (sleepNanos * 0.2 * ThreadLocalRandom.current().nextDouble());
            }
            try {
                TimeUnit.NANOSECONDS.sleep(sleepNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One attempt to acquire (as a candidate) or renew (as the leader); the loop's body. */
    void step() {
        if (!leading) {
            if (tryAcquireOrRenew(config.renewDeadline())) {
                leading = true;
                log.info("{}: became leader (transitions {})", description, transitionsOf(observedLease));
                runCallback("onStartedLeading", onStartedLeading);
            }
            return;
        }
        long sinceRenew = nanoTime.getAsLong() - lastRenewNanos;
        long remaining = config.renewDeadline().toNanos() - sinceRenew;
        if (remaining > 0 && tryAcquireOrRenew(Duration.ofNanos(remaining))) {
            return;
        }
        if (heldByOther(observedLease)) {
            stopLeading("the lease is now held by " + observedLease.spec().holderIdentity());
        } else if (nanoTime.getAsLong() - lastRenewNanos >= config.renewDeadline().toNanos()) {
            stopLeading("could not renew within " + config.renewDeadline().toMillis() + " ms");
        }
    }

    private void stopLeading(String why) {
        leading = false;
        log.warn("{}: lost leadership: {}", description, why);
        runCallback("onStoppedLeading", onStoppedLeading);
    }

    /**
     * client-go's tryAcquireOrRenew: read the Lease; leave it alone if someone else holds it and we
     * have seen it change within its leaseDuration; otherwise write ourselves in as holder.
     */
    boolean tryAcquireOrRenew(Duration timeout) {
        long startNanos = nanoTime.getAsLong();
        Instant now = clock.instant();
        String nowMicro = Times.formatMicro(now);
        int durationSeconds = (int) Math.max(1, config.leaseDuration().toSeconds());
        try {
            Optional<Lease> current = leases.get(config.namespace(), config.leaseName(), timeout);
            if (current.isEmpty()) {
                Lease fresh = Lease.of(ObjectMeta.of(config.namespace(), config.leaseName()),
                        new LeaseSpec(config.identity(), durationSeconds, nowMicro, nowMicro, 0, null));
                observe(leases.create(fresh, timeout), startNanos);
                lastRenewNanos = startNanos;
                succeeded();
                return true;
            }
            Lease lease = current.get();
            if (observedLease == null || !Objects.equals(observedLease.spec(), lease.spec())) {
                String previousHolder = holderOf(observedLease);
                observe(lease, startNanos);
                if (heldByOther(lease) && !Objects.equals(previousHolder, holderOf(lease))) {
                    log.info("{}: lease held by {}", description, holderOf(lease));
                }
            } else {
                observedLease = lease;
            }
            if (heldByOther(lease) && startNanos - observedNanos < leaseDurationNanos(lease)) {
                succeeded();
                return false;
            }
            LeaseSpec old = lease.spec() == null ? new LeaseSpec(null, null, null, null, null, null) : lease.spec();
            boolean ours = config.identity().equals(old.holderIdentity());
            int transitions = old.leaseTransitions() == null ? 0 : old.leaseTransitions();
            LeaseSpec next = new LeaseSpec(config.identity(), durationSeconds,
                    ours && old.acquireTime() != null ? old.acquireTime() : nowMicro, nowMicro,
                    ours ? transitions : transitions + 1, old.extra());
            observe(leases.update(lease.withSpec(next), timeout), startNanos);
            lastRenewNanos = startNanos;
            succeeded();
            return true;
        } catch (ApiException e) {
            if (e.isConflict() || e.isAlreadyExists()) {
                log.debug("{}: another candidate wrote the lease first", description);
                return false;
            }
            failed(e.getMessage());
            return false;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || state.get() == State.STOPPED) {
                return false;
            }
            failed(e.toString());
            return false;
        }
    }

    private void observe(Lease lease, long atNanos) {
        observedLease = lease;
        observedNanos = atNanos;
    }

    private void succeeded() {
        failureLogged = false;
    }

    /** One line per streak of failures, or one per attempt while leading: each brings the deadline closer. */
    private void failed(String why) {
        if (leading || !failureLogged) {
            log.warn("{}: {} the lease failed: {}", description, leading ? "renewing" : "acquiring", why);
            failureLogged = true;
        } else {
            log.debug("{}: acquiring the lease failed: {}", description, why);
        }
    }

    private boolean heldByOther(Lease lease) {
        if (lease == null || lease.spec() == null) {
            return false;
        }
        String holder = lease.spec().holderIdentity();
        return holder != null && !holder.isEmpty() && !holder.equals(config.identity());
    }

    private static String holderOf(Lease lease) {
        return lease == null || lease.spec() == null ? null : lease.spec().holderIdentity();
    }

    private long leaseDurationNanos(Lease lease) {
        Integer seconds = lease.spec() == null ? null : lease.spec().leaseDurationSeconds();
        return seconds == null ? config.leaseDuration().toNanos() : TimeUnit.SECONDS.toNanos(seconds);
    }

    private static int transitionsOf(Lease lease) {
        return lease == null || lease.spec() == null || lease.spec().leaseTransitions() == null
                ? 0 : lease.spec().leaseTransitions();
    }

    private void runCallback(String name, Runnable callback) {
        try {
            callbacks.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.error("{}: {} failed", description, name, e);
                }
            });
        } catch (RuntimeException rejected) {
            log.warn("{}: {} not run: {}", description, name, rejected.toString());
        }
    }

    /**
     * Stops campaigning. A leader releases the Lease first (holder cleared, so a standby takes over
     * at its next retry instead of after leaseDuration), then runs onStoppedLeading; returns when
     * that has run (or after renewDeadline).
     */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        Thread elector = thread;
        if (elector != null && elector != Thread.currentThread()) {
            elector.interrupt();
            try {
                elector.join(config.renewDeadline().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leading) {
            release();
            leading = false;
            log.info("{}: released the lease and stopped leading", description);
            runCallback("onStoppedLeading", onStoppedLeading);
        }
        callbacks.shutdown();
        try {
            callbacks.awaitTermination(config.renewDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** client-go's release: clear the holder, keep the transitions, so the next candidate need not wait. */
    void release() {
        Lease lease = observedLease;
        if (lease == null || !config.identity().equals(lease.spec() == null ? null : lease.spec().holderIdentity())) {
            return;
        }
        String nowMicro = Times.formatMicro(clock.instant());
        LeaseSpec released = new LeaseSpec(null, 1, nowMicro, nowMicro, lease.spec().leaseTransitions(),
                lease.spec().extra());
        try {
            observe(leases.update(lease.withSpec(released), config.renewDeadline()), nanoTime.getAsLong());
        } catch (RuntimeException e) {
            log.warn("{}: releasing the lease failed ({}); a standby takes over when it expires", description,
                    e instanceof ApiException api ? api.getMessage() : e.toString());
        }
    }

    /** Whether this candidate holds the Lease and has renewed it within renewDeadline. */
    public boolean isLeader() {
        return leading && nanoTime.getAsLong() - lastRenewNanos < config.renewDeadline().toNanos();
    }

    public String identity() {
        return config.identity();
    }

    @Override
    public String toString() {
        return "LeaderElector[" + description + "]";
    }
}
