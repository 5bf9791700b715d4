package io.j8s.nodeagent.probe;

/** One probe run: passed, or failed with the kubelet's kind of message. */
public record ProbeResult(boolean passed, String message) {

    public static ProbeResult success() {
        return new ProbeResult(true, null);
    }

    public static ProbeResult failure(String message) {
        return new ProbeResult(false, message);
    }
}
