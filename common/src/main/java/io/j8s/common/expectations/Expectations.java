package io.j8s.common.expectations;

import java.time.Clock;
import java.time.Duration;

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

    public Expectations(Duration ttl) {
        this(ttl, Clock.systemUTC());
    }

    /** With a clock of the caller's choosing, for tests. */
    public Expectations(Duration ttl, Clock clock) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Records that {@code n} creations are on their way, replacing whatever was recorded for the key. */
    public void expectCreations(String key, int n) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Records that {@code n} deletions are on their way, replacing whatever was recorded for the key. */
    public void expectDeletions(String key, int n) {
        throw new UnsupportedOperationException("in progress");
    }

    /** One expected creation was seen by the informer (or failed, so will never be seen). */
    public void creationObserved(String key) {
        throw new UnsupportedOperationException("in progress");
    }

    /** One expected deletion was seen by the informer (or failed, so will never be seen). */
    public void deletionObserved(String key) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Lowers the outstanding counts by {@code creations} and {@code deletions} at once, e.g. for
     * the creates of a batch that were never attempted because an earlier one failed.
     */
    public void lowerExpectations(String key, int creations, int deletions) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * True when the controller may act on the key: nothing is recorded, everything recorded was
     * observed, or the record is older than the ttl.
     */
    public boolean satisfied(String key) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Forgets the key, e.g. when its controller object was deleted. */
    public void delete(String key) {
        throw new UnsupportedOperationException("in progress");
    }
}
