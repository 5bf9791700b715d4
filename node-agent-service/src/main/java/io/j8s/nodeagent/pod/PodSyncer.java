package io.j8s.nodeagent.pod;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiException;
import io.j8s.nodeagent.node.NodeClients;
import io.j8s.common.informer.Cache;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's syncPod for one pod key, level-triggered: a pod bound here runs (its status written when it
 * changes); a pod with a deletionTimestamp is stopped gracefully, its containers removed, and its deletion confirmed
 * to the API server; a pod that vanished from the API has whatever is left of it removed.
 */
public final class PodSyncer implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(PodSyncer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private final NodeClients clients;
    private final Cache<Pod> pods;
    private final Set<String> nodeNames;
    private final PodRuntime runtime;
    private final PodStatusWriter statuses;
    private final Duration resync;

    public PodSyncer(NodeClients clients, Cache<Pod> pods, Set<String> nodeNames, PodRuntime runtime,
            PodStatusWriter statuses, Duration resync) {
        this.clients = clients;
        this.pods = pods;
        this.nodeNames = Set.copyOf(nodeNames);
        this.runtime = runtime;
        this.statuses = statuses;
        this.resync = resync;
    }

    @Override
    public Result reconcile(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Optional<Pod> cached = pods.getByKey(key);
        if (cached.isEmpty() || !isMine(cached.get())) {
            runtime.removeLeftovers(namespace, name, null);
            return Result.done();
        }
        Pod pod = cached.get();
        if (pod.metadata().beingDeleted()) {
            terminate(pod);
            return Result.done();
        }
        PodSnapshot snapshot = runtime.sync(pod);
        PodStatus status = PodStatuses.compute(pod, snapshot, Times.now());
        if (statuses.write(pod, status, snapshot.annotations())) {
            log.debug("pod {}: {}", key, status.phase());
        }
        Duration next = snapshot.recheckAfter() != null && snapshot.recheckAfter().compareTo(resync) < 0
            ? snapshot.recheckAfter() : resync;
        return Result.requeueAfter(next);
    }

    private boolean isMine(Pod pod) {
        return pod.spec() != null && pod.spec().nodeName() != null && nodeNames.contains(pod.spec().nodeName());
    }

    /**
     * Stops the pod within its grace period (the API server's deletionGracePeriodSeconds), then tells the API server
     * the pod is gone: a delete with grace period 0, for exactly this pod (uid precondition).
     */
    private void terminate(Pod pod) {
        Long grace = pod.metadata().deletionGracePeriodSeconds();
        if (grace == null) {
            grace = pod.spec().terminationGracePeriodSeconds();
        }
        runtime.terminate(pod, Duration.ofSeconds(grace == null ? DEFAULT_GRACE_SECONDS : Math.max(0, grace)));
        DeleteOptions confirm = DeleteOptions.defaults().withGracePeriodSeconds(0L)
            .withPreconditions(pod.metadata().uid(), null);
        try {
            clients.forNode(pod.spec().nodeName()).delete(Resources.PODS, pod.metadata().namespace(),
                pod.metadata().name(), confirm).block(TIMEOUT);
            log.info("pod {}/{}: deleted", pod.metadata().namespace(), pod.metadata().name());
        } catch (ApiException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
        statuses.forget(pod.metadata().uid());
    }
}
