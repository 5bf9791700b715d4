package io.j8s.nodeagent.probe;

/** The three probes of a container, and what each reads as before its first result (the kubelet's). */
public enum ProbeKind {
    LIVENESS("Liveness", true),
    READINESS("Readiness", false),
    STARTUP("Startup", false);

    private final String label;
    private final boolean initialResult;

    ProbeKind(String label, boolean initialResult) {
        this.label = label;
        this.initialResult = initialResult;
    }

    /** As it appears in events: {@code Liveness probe failed: ...}. */
    public String label() {
        return label;
    }

    /** Liveness counts as passing until it fails; readiness and startup as not yet passed. */
    public boolean initialResult() {
        return initialResult;
    }
}
