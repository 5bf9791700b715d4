package io.j8s.nodeagent.pod;

import io.j8s.common.api.core.Pod;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What runs a pod's containers on this node: real Docker containers, or the simulated runtime that runs nothing.
 * {@link PodSyncer} decides what should happen to a pod (run it, stop it, clean up after it) and writes its status;
 * the runtime does it and reports what the containers are doing. Calls block and may take a while (image pulls,
 * graceful stops); each pod is handled by one thread at a time.
 */
public interface PodRuntime {

    /**
     * Brings the pod's containers toward its spec (creating, restarting with back-off, killing unhealthy ones)
     * and reports what they are doing now.
     */
    PodSnapshot sync(Pod pod);

    /**
     * Stops every container of the pod (SIGTERM, then SIGKILL once {@code gracePeriod} is over) and removes them
     * and the pod's volumes; returns when nothing of the pod is left.
     */
    void terminate(Pod pod, Duration gracePeriod);

    /** Removes whatever is left of pod {@code namespace/name} except the incarnation {@code keepUid} (null: all). */
    void removeLeftovers(String namespace, String name, String keepUid);

    /** {@code namespace/name} of every pod this node has containers of, so they are adopted or removed at start. */
    Set<String> podsOnNode();

    /** Asks to be told (with {@code namespace/name}) when a pod's containers change by themselves, e.g. exit. */
    default void onContainerChange(Consumer<String> podKeys) {
    }
}
