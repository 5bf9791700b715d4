package io.j8s.controller.manager;

import io.j8s.common.client.ApiClient;
import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElectedRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every control loop while this replica holds the controller-manager Lease, and none while it does
 * not: several replicas run, one acts. Each leadership term gets fresh informers and loops, so a replica that
 * loses the Lease stops at once and can lead again later from a clean state.
 */
@Component
public class ControllerManager implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(5);

    private final ApiClient client;
    private final ControllerProperties properties;
    private final List<ControllerFactory> factories;
    private final Clock clock;
    private final LeaderElectedRunner runner;

    public ControllerManager(ApiClient client, ControllerProperties properties, List<ControllerFactory> factories) {
        this.client = client;
        this.properties = properties;
        this.factories = factories;
        this.clock = Clock.systemUTC();
        LeaderElectionConfig config = properties.leaderElection().toConfig(properties.identity());
        this.runner = new LeaderElectedRunner(client, config, properties.identity(), () -> {
            Term term = new Term(new ControllerContext(client, new Informers(client, properties.resyncPeriod()),
                properties, clock, properties.identity()));
            term.begin();
            return term::end;
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

    /** The control loops and informers of one leadership term. */
    private final class Term {
        private final ControllerContext context;
        private final List<ManagedController> controllers;
        private final Thread starter;
        private volatile boolean ended;

        Term(ControllerContext context) {
            this.context = context;
            this.controllers = factories.stream().map(factory -> {
                log.info("Creating {}", factory.name());
                return factory.create(context);
            }).toList();
            // Waiting for caches can take a while; never hold up the leader elector's thread with it.
            this.starter = new Thread(this::startWhenSynced, "controller-manager-start");
            this.starter.setDaemon(true);
        }

        void begin() {
            context.informers().startAll();
            starter.start();
        }

        private void startWhenSynced() {
            if (!context.informers().waitForSync(SYNC_TIMEOUT)) {
                log.warn("Informers did not sync within {}; controllers not started", SYNC_TIMEOUT);
                return;
            }
            synchronized (this) {
                if (ended) {
                    return;
                }
                controllers.forEach(ManagedController::start);
            }
            log.info("Started {} controllers", controllers.size());
        }

        void end() {
            synchronized (this) {
                ended = true;
                controllers.forEach(controller -> {
                    try {
                        controller.stop();
                    } catch (RuntimeException e) {
                        log.warn("Stopping a controller failed: {}", e.toString());
                    }
                });
            }
            context.informers().stopAll();
            starter.interrupt();
            log.info("Stopped every controller");
        }
    }
}
