package io.j8s.nodeagent.pod;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.nodeagent.node.NodeClients;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pods bound to this agent's node(s) and syncs each through {@link PodSyncer} on worker threads. When the
 * informer has synced, and every 30 s after, it also looks at every pod the runtime still has containers of, so a
 * restarted agent adopts its pods' containers and removes those of pods that no longer exist.
 */
public final class PodController implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodController.class);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);

    private final SharedInformer<Pod> informer;
    private final Controller controller;
    private final PodRuntime runtime;
    private final Set<String> nodeNames;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pod-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client  reads the pods (one watch for all of this agent's nodes)
     * @param clients each node's own client, for its pods' status and deletion
     */
    public PodController(ApiClient client, NodeClients clients, Set<String> nodeNames, PodRuntime runtime,
            int workers, Duration resync) {
        this.nodeNames = Set.copyOf(nodeNames);
        this.runtime = runtime;
        // One node: let the API server filter. Many (simulated): one watch of all pods, filtered here.
        ListOptions options = nodeNames.size() == 1
            ? ListOptions.fieldSelector("spec.nodeName=" + nodeNames.iterator().next()) : ListOptions.NONE;
        this.informer = new SharedInformer<>(client, Resources.PODS, null, options, Duration.ZERO);
        PodSyncer syncer = new PodSyncer(clients, informer.cache(), nodeNames, runtime, new PodStatusWriter(clients),
            resync);
        this.controller = Controller.builder("pods").reconciler(syncer).workers(workers).watches(informer).build();
        informer.addEventHandler(ResourceEventHandler.onAnyChange(this::enqueue));
        runtime.onContainerChange(key -> controller.queue().add(key));
    }

    private void enqueue(Pod pod) {
        String node = pod.spec() == null ? null : pod.spec().nodeName();
        if (node != null && nodeNames.contains(node)) {
            controller.queue().add(Cache.keyOf(pod));
        }
    }

    public void start() {
        informer.start();
        controller.start();
        housekeeping.scheduleWithFixedDelay(this::enqueueRuntimePods, 0, HOUSEKEEPING.toSeconds(), TimeUnit.SECONDS);
    }

    /** Every pod the runtime has containers of, once the cache can tell whether it still exists. */
    private void enqueueRuntimePods() {
        try {
            if (!informer.waitForSync(Duration.ofMinutes(5))) {
                return;
            }
            Set<String> keys = runtime.podsOnNode();
            if (!keys.isEmpty()) {
                log.debug("housekeeping: {} pods have containers on this node", keys.size());
            }
            keys.forEach(controller.queue()::add);
        } catch (RuntimeException e) {
            log.warn("housekeeping failed: {}", e.toString());
        }
    }

    public Cache<Pod> cache() {
        return informer.cache();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        controller.stop();
        informer.stop();
    }
}
