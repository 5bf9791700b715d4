package io.j8s.nodeagent.docker;

import java.time.Instant;
import java.util.Map;

/**
 * What the agent needs to know of one Docker container of a pod, read with one inspect.
 *
 * @param name         the pod's container name ({@link Labels#SANDBOX} for the sandbox)
 * @param state        Docker's state: created, running, exited, ...
 * @param startedAt    null when it never started
 * @param finishedAt   null while running or never started
 * @param error        Docker's error when it could not start, else null
 * @param image        the image as the pod named it
 * @param imageId      the image's id ({@code sha256:...})
 */
public record ContainerInfo(
        String id,
        String name,
        int restartCount,
        Map<String, String> labels,
        String state,
        boolean running,
        int exitCode,
        boolean oomKilled,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String image,
        String imageId) {

    public boolean isSandbox() {
        return Labels.SANDBOX.equals(name);
    }

    public String podUid() {
        return labels.get(Labels.POD_UID);
    }
}
