package io.j8s.common.leader;

import java.time.Duration;

/**
 * How a leader-elected service is configured ({@code j8s.<service>.leader-election.*}): whether to elect at all,
 * which Lease, and the timings, defaulting to kube-scheduler's and kube-controller-manager's 15 s / 10 s / 2 s.
 */
public record LeaderElectionProperties(Boolean enabled, String namespace, String leaseName, Duration leaseDuration,
                                       Duration renewDeadline, Duration retryPeriod) {

    public LeaderElectionProperties {
        enabled = enabled == null || enabled;
        namespace = namespace == null ? LeaderElectionConfig.DEFAULT_NAMESPACE : namespace;
        leaseDuration = leaseDuration == null ? LeaderElectionConfig.DEFAULT_LEASE_DURATION : leaseDuration;
        renewDeadline = renewDeadline == null ? LeaderElectionConfig.DEFAULT_RENEW_DEADLINE : renewDeadline;
        retryPeriod = retryPeriod == null ? LeaderElectionConfig.DEFAULT_RETRY_PERIOD : retryPeriod;
    }

    /** Election on the named Lease with the default timings. */
    public static LeaderElectionProperties defaults(String leaseName) {
        return new LeaderElectionProperties(true, null, leaseName, null, null, null);
    }

    /** These settings, with {@code leaseName} when none was configured. */
    public LeaderElectionProperties withDefaultLease(String defaultLeaseName) {
        return leaseName != null ? this
            : new LeaderElectionProperties(enabled, namespace, defaultLeaseName, leaseDuration, renewDeadline, retryPeriod);
    }

    /** The elector's configuration for {@code identity}, or null when election is disabled (one replica acts). */
    public LeaderElectionConfig toConfig(String identity) {
        return enabled ? new LeaderElectionConfig(namespace, leaseName, identity, leaseDuration, renewDeadline,
            retryPeriod) : null;
    }
}
