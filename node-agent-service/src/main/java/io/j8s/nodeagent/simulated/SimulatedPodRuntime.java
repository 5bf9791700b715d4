package io.j8s.nodeagent.simulated;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerState;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.Times;
import io.j8s.nodeagent.pod.PodRuntime;
import io.j8s.nodeagent.pod.PodSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code simulated} runtime, j8s' kwok: it runs nothing. A pod bound to a simulated node is reported with its
 * containers ContainerCreating, then, {@code startupDelay} after the agent first saw it, Running and Ready; deleting
 * it completes at once. Init containers complete at once: they are reported terminated (exit 0, Completed) from the
 * first sync, so a simulated pod is Initialized right away and only its app containers take {@code startupDelay}. Many simulated nodes share one process, for scale tests and capacity planning without a
 * single container.
 */
public final class SimulatedPodRuntime implements PodRuntime {

    private final Duration startupDelay;
    private final Map<String, String> nodeAddresses;
    private final Clock clock;
    /** When each pod (by namespace/name) was first seen, with its uid. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(String uid, Instant at) {
    }

    /** @param nodeAddresses each simulated node's InternalIP, reported as its pods' hostIP */
    public SimulatedPodRuntime(Duration startupDelay, Map<String, String> nodeAddresses, Clock clock) {
        this.startupDelay = startupDelay;
        this.nodeAddresses = Map.copyOf(nodeAddresses);
        this.clock = clock;
    }

    @Override
    public PodSnapshot sync(Pod pod) {
        String key = pod.metadata().namespace() + "/" + pod.metadata().name();
        String uid = pod.metadata().uid();
        Instant now = clock.instant();
        Seen first = seen.compute(key, (k, old) -> old != null && old.uid().equals(uid) ? old : new Seen(uid, now));
        Instant runningAt = first.at().plus(startupDelay);
        boolean running = !now.isBefore(runningAt);
        List<ContainerStatus> statuses = new ArrayList<>();
        String seenAt = Times.format(first.at());
        for (Container container : pod.spec().initContainersOrEmpty()) {
            String id = "simulated://" + uid + "/" + container.name();
            statuses.add(new ContainerStatus(container.name(),
                ContainerState.terminated(0, "Completed", null, seenAt, seenAt, id),
                new ContainerState(null, null, null, null), true, 0, container.image(), "simulated://" + container.image(),
                id, false, null));
        }
        for (Container container : pod.spec().containersOrEmpty()) {
            ContainerState state = running ? ContainerState.running(Times.format(runningAt))
                : ContainerState.waiting("ContainerCreating", null);
            statuses.add(new ContainerStatus(container.name(), state, new ContainerState(null, null, null, null),
                running, 0, container.image(), running ? "simulated://" + container.image() : "",
                running ? "simulated://" + uid + "/" + container.name() : null, running, null));
        }
        return new PodSnapshot(running ? podIp(uid) : null, nodeAddresses.get(pod.spec().nodeName()), statuses,
            Map.of(), running ? null : Duration.between(now, runningAt));
    }

    /** A stable made-up address in 10.128.0.0/9 for a pod, so Endpoints of simulated pods look real. */
    static String podIp(String uid) {
        int hash = uid.hashCode();
        return "10." + (128 | ((hash >>> 16) & 0x7f)) + "." + ((hash >>> 8) & 0xff) + "." + Math.max(1, hash & 0xfe);
    }

    @Override
    public void terminate(Pod pod, Duration gracePeriod) {
        seen.remove(pod.metadata().namespace() + "/" + pod.metadata().name());
    }

    @Override
    public void removeLeftovers(String namespace, String name, String keepUid) {
        seen.computeIfPresent(namespace + "/" + name, (k, old) -> old.uid().equals(keepUid) ? old : null);
    }

    @Override
    public Set<String> podsOnNode() {
        return Set.of();
    }
}
