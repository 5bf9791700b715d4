package io.j8s.common.leader;

import java.time.Duration;

/**
 * Settings of a {@link LeaderElector}, with client-go's defaults for nulls.
 *
 * @param namespace     where the Lease lives; default {@code kube-system}
 * @param leaseName     the Lease's name, e.g. {@code kube-controller-manager}; required
 * @param identity      this candidate's name, unique among candidates (e.g. host name + random); required
 * @param leaseDuration how long a standby waits after the last renewal it saw before taking over; default 15 s
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leading; default 10 s
 * @param retryPeriod   how often candidates try to acquire and the leader renews; default 2 s
 */
public record LeaderElectionConfig(
        String namespace,
        String leaseName,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod) {

    public static final String DEFAULT_NAMESPACE = "kube-system";
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    public LeaderElectionConfig {
        namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        leaseDuration = leaseDuration == null ? DEFAULT_LEASE_DURATION : leaseDuration;
        renewDeadline = renewDeadline == null ? DEFAULT_RENEW_DEADLINE : renewDeadline;
        retryPeriod = retryPeriod == null ? DEFAULT_RETRY_PERIOD : retryPeriod;
        if (leaseName == null || leaseName.isEmpty()) {
            throw new IllegalArgumentException("leader election needs a lease name");
        }
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("leader election needs an identity");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
        }
        if (renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod");
        }
    }

    /** Default namespace and timings for the given lease and identity. */
    public static LeaderElectionConfig of(String leaseName, String identity) {
        return new LeaderElectionConfig(null, leaseName, identity, null, null, null);
    }

    /** {@code hostname_uuid}, as kube-scheduler and kube-controller-manager name their candidates. */
    public static String defaultIdentity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + java.util.UUID.randomUUID();
    }
}
