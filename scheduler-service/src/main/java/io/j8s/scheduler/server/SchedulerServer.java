package io.j8s.scheduler.server;

import io.j8s.common.client.ApiClient;
import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElectedRunner;
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

    private final LeaderElectedRunner runner;

    public SchedulerServer(ApiClient client, SchedulerProperties properties, Profile profile) {
        LeaderElectionConfig config = properties.leaderElection().toConfig(properties.identity());
        this.runner = new LeaderElectedRunner(client, config, properties.identity(), () -> {
            log.info("Starting to schedule pods of {} ({} filters, {} scores)", properties.schedulerName(),
                profile.filters().size(), profile.scores().size());
            Scheduler scheduler = new Scheduler(client, properties, profile, properties.identity());
            scheduler.start();
            return () -> {
                scheduler.stop();
                log.info("Stopped scheduling");
            };
        });
    }

    @Override
    public void start() {
        runner.start();
    }

    @Override
    public void stop() {
        runner.stop();
    }

    @Override
    public boolean isRunning() {
        return runner.isRunning();
    }

    public boolean isLeader() {
        return runner.isLeader();
    }

    public String identity() {
        return runner.identity();
    }
}
