package io.j8s.common.expectations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creations and deletions a controller has asked for but its informer has not shown yet, per
 * controller key (Kubernetes' ControllerExpectations). Before creating N pods a controller records
 * {@code expectCreations(key, N)}; its pod handler calls {@link #creationObserved} for each one seen;
 * its reconcile skips acting while {@link #satisfied} is false, so a stale cache never makes it
 * create twice. A record older than the ttl counts as satisfied: a lost watch event must not wedge
 * the controller. Thread-safe.
 */
public final class Expectations {

    /** Kubernetes' ExpectationsTimeout. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Expected> byKey = new HashMap<>();

    /** Outstanding counts of one key; below zero means more was observed than expected. */
    private record Expected(int creations, int deletions, Instant recordedAt) {

        boolean fulfilled() {
            return creations <= 0 && deletions <= 0;
        }

        Expected lower(int lowerCreations, int lowerDeletions) {
            return new Expected(creations - lowerCreations, deletions - lowerDeletions, recordedAt);
        }
    }

    public Expectations(Duration ttl) {
        this(ttl, Clock.systemUTC());
    }

    /** With a clock of the caller's choosing, for tests. */
    public Expectations(Duration ttl, Clock clock) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records that {@code n} creations are on their way, replacing whatever was recorded for the key. */
    public synchronized void expectCreations(String key, int n) {
        byKey.put(key, new Expected(n, 0, clock.instant()));
    }

    /** Records that {@code n} deletions are on their way, replacing whatever was recorded for the key. */
    public synchronized void expectDeletions(String key, int n) {
        byKey.put(key, new Expected(0, n, clock.instant()));
    }

    /** One expected creation was seen by the informer (or failed, so will never be seen). */
    public void creationObserved(String key) {
        lowerExpectations(key, 1, 0);
    }

    /** One expected deletion was seen by the informer (or failed, so will never be seen). */
    public void deletionObserved(String key) {
        lowerExpectations(key, 0, 1);
    }

    /**
     * Lowers the outstanding counts by {@code creations} and {@code deletions} at once, e.g. for
     * the creates of a batch that were never attempted because an earlier one failed. Does nothing
     * for a key without a record (the informer saw something nobody waited for).
     */
    public synchronized void lowerExpectations(String key, int creations, int deletions) {
        byKey.computeIfPresent(key, (k, expected) -> expected.lower(creations, deletions));
    }

    /**
     * True when the controller may act on the key: nothing is recorded, everything recorded was
     * observed, or the record is older than the ttl.
     */
    public synchronized boolean satisfied(String key) {
        Expected expected = byKey.get(key);
        if (expected == null || expected.fulfilled()) {
            return true;
        }
        return clock.instant().isAfter(expected.recordedAt().plus(ttl));
    }

    /** Forgets the key, e.g. when its controller object was deleted. */
    public synchronized void delete(String key) {
        byKey.remove(key);
    }
}
