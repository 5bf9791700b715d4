package io.j8s.controller.manager;

import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElectionProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The controller manager's settings: where the API server is, how it elects its leader, how many workers
 * each control loop runs, and the node-lifecycle timings (Kubernetes' defaults).
 */
@ConfigurationProperties(prefix = "j8s.controller")
public record ControllerProperties(
    String apiServerUrl,
    String identity,
    LeaderElectionProperties leaderElection,
    int workers,
    Duration resyncPeriod,
    NodeLifecycle nodeLifecycle) {

    public ControllerProperties {
        apiServerUrl = apiServerUrl == null || apiServerUrl.isBlank() ? "https://127.0.0.1:8080" : apiServerUrl;
        identity = identity == null || identity.isBlank() ? LeaderElectionConfig.defaultIdentity() : identity;
        leaderElection = leaderElection == null ? LeaderElectionProperties.defaults("kube-controller-manager")
            : leaderElection.withDefaultLease("kube-controller-manager");
        workers = workers <= 0 ? 2 : workers;
        resyncPeriod = resyncPeriod == null ? Duration.ofMinutes(10) : resyncPeriod;
        nodeLifecycle = nodeLifecycle == null ? new NodeLifecycle(null, null, null) : nodeLifecycle;
    }

    /**
     * A node whose Lease is older than {@code gracePeriod} is NotReady/Unknown and tainted unreachable; its
     * pods are evicted after {@code podEvictionTimeout} (the default toleration of the unreachable taint).
     */
    public record NodeLifecycle(Duration gracePeriod, Duration podEvictionTimeout, Duration monitorPeriod) {

        public NodeLifecycle {
            gracePeriod = gracePeriod == null ? Duration.ofSeconds(40) : gracePeriod;
            podEvictionTimeout = podEvictionTimeout == null ? Duration.ofSeconds(300) : podEvictionTimeout;
            monitorPeriod = monitorPeriod == null ? Duration.ofSeconds(5) : monitorPeriod;
        }
    }
}
