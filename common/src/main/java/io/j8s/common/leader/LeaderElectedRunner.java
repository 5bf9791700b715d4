package io.j8s.common.leader;

import io.j8s.common.client.ApiClient;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a term of work while this replica holds its Lease, and none while it does not: several replicas run,
 * one acts (how kube-scheduler and kube-controller-manager run). Each leadership term is built fresh by
 * {@code startTerm}, so a replica that loses the Lease stops at once and can lead again later from a clean
 * state. Without a config (leader election off) the one term runs from start to stop.
 */
public final class LeaderElectedRunner {

    /** One leadership term's work; stopped when the term ends. */
    public interface Term {
        void stop();
    }

    private static final Logger log = LoggerFactory.getLogger(LeaderElectedRunner.class);

    private final ApiClient client;
    private final LeaderElectionConfig config;
    private final String identity;
    private final Supplier<Term> startTerm;
    private LeaderElector elector;
    private Term term;
    private volatile boolean running;

    /** @param config the Lease to hold, or null to run without leader election */
    public LeaderElectedRunner(ApiClient client, LeaderElectionConfig config, String identity, Supplier<Term> startTerm) {
        this.client = client;
        this.config = config;
        this.identity = identity;
        this.startTerm = startTerm;
    }

    public void start() {
        running = true;
        if (config == null) {
            log.info("Leader election disabled: {} acts alone", identity);
            beginTerm();
            return;
        }
        elector = new LeaderElector(client, config, this::beginTerm, this::endTerm);
        elector.start();
    }

    /** Ends the term; a leader releases its Lease so a standby takes over at once. */
    public void stop() {
        running = false;
        if (elector != null) {
            elector.stop(); // ends the term through the callback
        }
        endTerm();
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isLeader() {
        return elector == null ? running : elector.isLeader();
    }

    public String identity() {
        return identity;
    }

    private synchronized void beginTerm() {
        if (term == null) {
            term = startTerm.get();
        }
    }

    private synchronized void endTerm() {
        if (term != null) {
            term.stop();
            term = null;
        }
    }
}
