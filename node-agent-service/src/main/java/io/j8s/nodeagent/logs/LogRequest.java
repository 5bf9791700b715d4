package io.j8s.nodeagent.logs;

/**
 * The kubelet's container log options ({@code /containerLogs/{namespace}/{pod}/{container}?...}), as
 * {@code kubectl logs} passes them through the API server.
 */
public record LogRequest(boolean follow, Integer tailLines, boolean previous, boolean timestamps, Long sinceSeconds,
        Long limitBytes) {
}
