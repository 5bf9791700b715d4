package io.j8s.controller.manager;

import io.j8s.common.client.ApiClient;
import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElector;
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
    private LeaderElector elector;
    private Term term;
    private volatile boolean running;

    public ControllerManager(ApiClient client, ControllerProperties properties, List<ControllerFactory> factories) {
        this.client = client;
        this.properties = properties;
        this.factories = factories;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void start() {
        running = true;
        ControllerProperties.LeaderElection election = properties.leaderElection();
        if (!election.enabled()) {
            log.info("Leader election disabled: running every controller");
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
        term = new Term(new ControllerContext(client, new Informers(client, properties.resyncPeriod()), properties,
            clock, properties.identity()));
        term.begin();
    }

    private synchronized void stopTerm() {
        if (term != null) {
            term.end();
            term = null;
        }
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
