package io.j8s.scheduler.schedule;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Conditions;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.json.Json;
import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.cache.SchedulerCache;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.queue.ClusterEvent;
import io.j8s.scheduler.queue.QueuedPodInfo;
import io.j8s.scheduler.queue.SchedulingQueue;
import io.j8s.scheduler.registry.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of one leadership term (kube-scheduler's Scheduler and scheduleOne): informers of every pod and
 * node feed the {@link SchedulerCache} and the {@link SchedulingQueue}; once they have synced, one thread takes
 * pod after pod from the queue — one scheduling cycle at a time, each against a fresh snapshot — and either
 * assumes the pod on the chosen node and binds it asynchronously, or records why it fits nowhere (PodScheduled
 * condition and a FailedScheduling event) and parks it until the cluster changes.
 *
 * <p>A failed binding forgets the assumed pod and retries after back-off. Writes of events and status never
 * hold up the scheduling thread.
 */
public final class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SYNC_POLL = Duration.ofSeconds(1);
    private static final int STATUS_WRITE_ATTEMPTS = 3;

    static final String REASON_SCHEDULED = "Scheduled";
    static final String REASON_FAILED_SCHEDULING = "FailedScheduling";
    static final String REASON_UNSCHEDULABLE = "Unschedulable";

    private final ApiClient client;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final SchedulingAlgorithm algorithm;
    private final EventRecorder recorder;
    private final EventHandlers handlers;
    private final Semaphore bindSlots;
    private final SharedInformer<Pod> podInformer;
    private final SharedInformer<Node> nodeInformer;
    private final Thread loop;
    private volatile boolean stopped;

    /**
     * @param host where this replica runs, for the events' {@code source.host} (its leader-election identity)
     */
    public Scheduler(ApiClient client, SchedulerProperties properties, Profile profile, String host) {
        this.client = client;
        this.cache = new SchedulerCache(properties.assumedPodTtl());
        this.queue = new SchedulingQueue(properties.backoff().initial(), properties.backoff().max(),
            properties.podMaxInUnschedulable());
        this.algorithm = new SchedulingAlgorithm(profile, properties.percentageOfNodesToScore(),
            properties.parallelism(), new Random());
        this.recorder = new EventRecorder(client, properties.schedulerName(), host);
        this.handlers = new EventHandlers(properties.schedulerName(), cache, queue);
        this.bindSlots = new Semaphore(properties.bindParallelism());
        // Every pod, not only pending ones: bound pods are what the nodes hold.
        this.podInformer = new SharedInformer<>(client, Resources.PODS, null, ListOptions.NONE, Duration.ZERO);
        this.nodeInformer = new SharedInformer<>(client, Resources.NODES, null, ListOptions.NONE, Duration.ZERO);
        this.podInformer.addEventHandler(handlers.pods());
        this.nodeInformer.addEventHandler(handlers.nodes());
        this.loop = new Thread(this::run, "scheduler");
        this.loop.setDaemon(true);
    }

    /** Starts the informers, and the scheduling loop once they have synced. Returns at once. */
    public void start() {
        nodeInformer.start();
        podInformer.start();
        loop.start();
    }

    /** Stops scheduling at once; bindings already sent complete on their own. */
    public void stop() {
        stopped = true;
        queue.close();
        loop.interrupt();
        podInformer.stop();
        nodeInformer.stop();
        algorithm.close();
        try {
            loop.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!stopped && !(nodeInformer.waitForSync(SYNC_POLL) && podInformer.waitForSync(SYNC_POLL))) {
                log.debug("Waiting for the pod and node informers to sync");
            }
            if (stopped) {
                return;
            }
            log.info("Scheduling: {} nodes, {} pods on them", cache.nodeCount(), cache.podCount());
            while (!stopped) {
                try {
                    scheduleOne();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.error("Scheduling cycle failed", e);
                }
            }
        } finally {
            log.info("Scheduling loop stopped");
        }
    }

    /** One scheduling cycle: pop -> snapshot -> filter and score -> assume and bind, or record unschedulable. */
    void scheduleOne() throws InterruptedException {
        bindSlots.acquire(); // waits while bindParallelism bindings are in flight
        boolean binding = false;
        try {
            Optional<QueuedPodInfo> next = queue.pop();
            if (next.isEmpty()) {
                return;
            }
            QueuedPodInfo info = next.get();
            Pod pod = current(info);
            if (pod == null) {
                queue.done(info);
                return;
            }
            ClusterSnapshot snapshot = cache.snapshot();
            ScheduleResult result;
            try {
                result = algorithm.schedule(pod, snapshot);
            } catch (RuntimeException e) {
                failed(info, pod, "running the scheduling plugins failed: " + e.getMessage(), e);
                return;
            }
            if (result instanceof FitError fitError) {
                unschedulable(info, pod, fitError);
                return;
            }
            if (stopped) {
                return; // leadership lost during the cycle: the next leader schedules this pod
            }
            String node = ((ScheduleResult.Scheduled) result).node();
            Pod assumed = pod.withSpec(pod.spec().withNodeName(node));
            try {
                cache.assume(assumed);
            } catch (IllegalStateException e) {
                failed(info, pod, e.getMessage(), null);
                return;
            }
            binding = true;
            bind(info, assumed, node);
        } finally {
            if (!binding) {
                bindSlots.release();
            }
        }
    }

    /**
     * The pod to schedule as the informer has it now, or null when there is nothing to do: deleted, being
     * deleted, bound meanwhile, or already assumed (kube-scheduler's skipPodSchedule).
     */
    private Pod current(QueuedPodInfo info) {
        Pod pod = info.pod();
        Pod latest = podInformer.cache().get(pod.metadata().namespace(), pod.metadata().name()).orElse(null);
        if (latest == null || !Objects.equals(latest.metadata().uid(), pod.metadata().uid())
            || EventHandlers.assigned(latest) || latest.metadata().beingDeleted()
            || cache.isAssumed(info.key())) {
            return null;
        }
        return latest;
    }

    private void bind(QueuedPodInfo info, Pod assumed, String node) {
        String namespace = assumed.metadata().namespace();
        String name = assumed.metadata().name();
        client.bind(namespace, name, node)
            .timeout(BIND_TIMEOUT)
            .doFinally(signal -> bindSlots.release())
            .subscribe(null, error -> bindingFailed(info, assumed, node, error), () -> bound(info, assumed, node));
    }

    private void bound(QueuedPodInfo info, Pod assumed, String node) {
        cache.finishBinding(assumed);
        queue.done(info);
        log.debug("Bound pod {} to {}", info.key(), node);
        recorder.normal(assumed, REASON_SCHEDULED, "Successfully assigned %s/%s to %s",
            assumed.metadata().namespace(), assumed.metadata().name(), node);
    }

    /** The node's room is free again; the pod is retried after back-off unless it is gone or bound meanwhile. */
    private void bindingFailed(QueuedPodInfo info, Pod assumed, String node, Throwable error) {
        cache.forget(assumed);
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
        String why = error instanceof ApiException api ? api.getMessage() : error.toString();
        if (error instanceof ApiException api && api.isNotFound()) {
            log.info("Pod {} was deleted before it could be bound to {}", info.key(), node);
            queue.done(info);
            return;
        }
        log.info("Binding pod {} to {} failed: {}", info.key(), node, why);
        recorder.warning(assumed, REASON_FAILED_SCHEDULING, "Binding rejected: %s", why);
        queue.addBackoff(info);
    }

    private void failed(QueuedPodInfo info, Pod pod, String why, Throwable error) {
        if (error != null) {
            log.warn("Scheduling pod {} failed: {}", info.key(), why, error);
        } else {
            log.warn("Scheduling pod {} failed: {}", info.key(), why);
        }
        recorder.warning(pod, REASON_FAILED_SCHEDULING, "%s", why);
        queue.addBackoff(info);
    }

    /**
     * No node fits: the pod waits as unschedulable, a FailedScheduling event says why, and its PodScheduled
     * condition too — written only when it changes, so a pod retried on every cluster event does not rewrite its
     * status each time.
     */
    private void unschedulable(QueuedPodInfo info, Pod pod, FitError fitError) {
        String message = fitError.message();
        queue.addUnschedulable(info, fitError.rejectedBy());
        recorder.warning(pod, REASON_FAILED_SCHEDULING, "%s", message);
        if (hasUnschedulableCondition(pod, message)) {
            log.debug("Pod {} still unschedulable: {}", info.key(), message);
            return;
        }
        log.info("Pod {} is unschedulable: {}", info.key(), message);
        writeUnschedulableCondition(pod, message, 1);
    }

    static boolean hasUnschedulableCondition(Pod pod, String message) {
        List<PodCondition> conditions = pod.status() == null ? null : pod.status().conditions();
        return Conditions.find(conditions, PodCondition.POD_SCHEDULED)
            .filter(c -> Condition.FALSE.equals(c.status()) && REASON_UNSCHEDULABLE.equals(c.reason())
                && message.equals(c.message()))
            .isPresent();
    }

    /**
     * PATCHes the condition as of the pod's resourceVersion, so it can never overwrite the PodScheduled=True a
     * binding wrote meanwhile; on a conflict it re-reads the pod and tries again if it is still pending.
     */
    private void writeUnschedulableCondition(Pod pod, String message, int attempt) {
        List<PodCondition> conditions = Conditions.set(pod.status() == null ? null : pod.status().conditions(),
            PodCondition.of(PodCondition.POD_SCHEDULED, Condition.FALSE, REASON_UNSCHEDULABLE, message), Times.now());
        String body = Json.write(Map.of(
            "metadata", Map.of("resourceVersion", pod.metadata().resourceVersion()),
            "status", Map.of("conditions", conditions)));
        String namespace = pod.metadata().namespace();
        String name = pod.metadata().name();
        client.patchStatus(Resources.PODS, namespace, name, PatchType.MERGE, body).subscribe(null, error -> {
            if (error instanceof ApiException api && api.isConflict() && attempt < STATUS_WRITE_ATTEMPTS && !stopped) {
                client.get(Resources.PODS, namespace, name).subscribe(fresh -> {
                    if (!EventHandlers.assigned(fresh) && !fresh.metadata().beingDeleted()
                        && !hasUnschedulableCondition(fresh, message)) {
                        writeUnschedulableCondition(fresh, message, attempt + 1);
                    }
                }, ignored -> { });
            } else if (!(error instanceof ApiException api && (api.isNotFound() || api.isConflict()))) {
                log.warn("Writing the PodScheduled condition of {}/{} failed: {}", namespace, name, error.toString());
            }
        });
    }

    // ---- for tests

    SchedulingQueue queue() {
        return queue;
    }

    SchedulerCache cache() {
        return cache;
    }
}
