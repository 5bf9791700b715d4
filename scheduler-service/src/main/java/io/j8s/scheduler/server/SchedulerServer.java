package io.j8s.scheduler.server;

import io.j8s.common.client.ApiClient;
import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElector;
import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.registry.Profile;
import io.j8s.scheduler.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Schedules while this replica holds the Lease {@code kube-system/kube-scheduler}, and not at all while it does
 * not (kube-scheduler's leader-elected Run): several replicas run, one binds. Each leadership term gets a fresh
 * {@link Scheduler} — its own informers, cache and queue — so a replica that loses the Lease stops at once and
 * can lead again later from a clean state.
 */
@Component
public class SchedulerServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulerServer.class);

    private final ApiClient client;
    private final SchedulerProperties properties;
    private final Profile profile;
    private LeaderElector elector;
    private Scheduler term;
    private volatile boolean running;

    public SchedulerServer(ApiClient client, SchedulerProperties properties, Profile profile) {
        this.client = client;
        this.properties = properties;
        this.profile = profile;
    }

    @Override
    public void start() {
        running = true;
        SchedulerProperties.LeaderElection election = properties.leaderElection();
        if (!election.enabled()) {
            log.info("Leader election disabled: scheduling as {}", properties.identity());
            startTerm();
            return;
        }
        elector = new LeaderElector(client, new LeaderElectionConfig(election.namespace(), election.leaseName(),
            properties.identity(), election.leaseDuration(), election.renewDeadline(), election.retryPeriod()),
            this::startTerm, this::stopTerm);
        elector.start();
    }

    @Override
    public void stop() {
        running = false;
        if (elector != null) {
            elector.stop(); // releases the Lease so a standby takes over at once; stops the term through the callback
        }
        stopTerm();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public boolean isLeader() {
        return elector == null ? running : elector.isLeader();
    }

    public String identity() {
        return properties.identity();
    }

    private synchronized void startTerm() {
        if (term != null) {
            return;
        }
        log.info("Starting to schedule pods of {} ({} filters, {} scores)", properties.schedulerName(),
            profile.filters().size(), profile.scores().size());
        term = new Scheduler(client, properties, profile, properties.identity());
        term.start();
    }

    private synchronized void stopTerm() {
        if (term != null) {
            term.stop();
            term = null;
            log.info("Stopped scheduling");
        }
    }
}
