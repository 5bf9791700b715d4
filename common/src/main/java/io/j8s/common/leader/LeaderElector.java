package io.j8s.common.leader;

import io.j8s.common.client.ApiClient;

/**
 * Active-standby through a {@code coordination.k8s.io/v1} Lease, as client-go's leaderelection
 * with a LeaseLock and ReleaseOnCancel. Every candidate tries every retryPeriod to take the Lease
 * when it is free, ours, or has not been renewed for leaseDuration (measured on our own clock from
 * when we last saw it change, so clock skew between hosts does not matter). Writes carry the
 * resourceVersion read, so of two candidates only one wins. A leader that cannot renew within
 * renewDeadline stops leading at once and becomes a candidate again.
 */
public final class LeaderElector {

    /**
     * @param onStartedLeading run (on the elector's thread) when this candidate becomes leader;
     *                         should start the work and return
     * @param onStoppedLeading run when leadership is lost or released; must stop all acting at once
     */
    public LeaderElector(ApiClient client, LeaderElectionConfig config, Runnable onStartedLeading,
            Runnable onStoppedLeading) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Starts campaigning on a background thread; returns at once. */
    public void start() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Stops campaigning. A leader releases the Lease first (holder cleared, so a standby takes over
     * at its next retry instead of after leaseDuration), then runs onStoppedLeading.
     */
    public void stop() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Whether this candidate holds the Lease and has renewed it within renewDeadline. */
    public boolean isLeader() {
        throw new UnsupportedOperationException("in progress");
    }

    public String identity() {
        throw new UnsupportedOperationException("in progress");
    }
}
