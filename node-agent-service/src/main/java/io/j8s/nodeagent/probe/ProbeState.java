package io.j8s.nodeagent.probe;

/**
 * The result of one probe of one container as its runs accumulate (the kubelet's worker.go): the result flips to
 * passing after {@code successThreshold} passes in a row and to failing after {@code failureThreshold} failures in
 * a row. A failed liveness or startup probe goes on hold, since its container is about to be replaced; a passed
 * startup probe is done for good.
 */
public final class ProbeState {

    private final ProbeKind kind;
    private final int successThreshold;
    private final int failureThreshold;
    private boolean result;
    private int successes;
    private int failures;
    private boolean finished;

    public ProbeState(ProbeKind kind, Integer successThreshold, Integer failureThreshold) {
        this.kind = kind;
        // Liveness and startup probes must use 1 (the API server validates it); readiness may ask for more.
        this.successThreshold = kind == ProbeKind.READINESS ? Prober.value(successThreshold, 1) : 1;
        this.failureThreshold = Prober.value(failureThreshold, 3);
        this.result = kind.initialResult();
    }

    /** Counts one run; returns whether the result changed. */
    public synchronized boolean record(ProbeResult run) {
        if (finished) {
            return false;
        }
        boolean before = result;
        if (run.passed()) {
            successes++;
            failures = 0;
            if (successes >= successThreshold) {
                result = true;
            }
        } else {
            failures++;
            successes = 0;
            if (failures >= failureThreshold) {
                result = false;
            }
        }
        if (kind == ProbeKind.STARTUP && result) {
            finished = true;
        }
        if (kind != ProbeKind.READINESS && !result && failures >= failureThreshold) {
            finished = true;
        }
        return before != result;
    }

    public synchronized boolean result() {
        return result;
    }

    /** No more runs: a startup probe that passed, or a liveness/startup probe that failed. */
    public synchronized boolean finished() {
        return finished;
    }

    /** A liveness or startup probe that failed {@code failureThreshold} times: its container must be restarted. */
    public synchronized boolean failed() {
        return kind != ProbeKind.READINESS && finished && !result;
    }
}
