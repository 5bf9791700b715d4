package io.j8s.controller.node;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Conditions;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ConflictRetry;
import io.j8s.controller.support.ObjectKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' taint eviction controller for one pod: a pod on a node with NoExecute taints it does not
 * tolerate is deleted at once; one it tolerates for a while (tolerationSeconds; by default the pod eviction
 * timeout for {@code unreachable} and {@code not-ready}) is deleted when that time, counted from when this
 * controller first saw the pod under the taints, has passed; removing the taints cancels the eviction.
 */
final class TaintEvictionReconciler implements Reconciler {

    static final String DISRUPTION_TARGET = "DisruptionTarget";
    private static final Logger log = LoggerFactory.getLogger(TaintEvictionReconciler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final Cache<Pod> pods;
    private final Cache<Node> nodes;
    private final EventRecorder recorder;
    private final Clock clock;
    private final long defaultTolerationSeconds;
    /** Pod key -> when its eviction was scheduled (Kubernetes' TimedWorkerQueue entries). */
    private final Map<String, Instant> scheduled = new ConcurrentHashMap<>();

    TaintEvictionReconciler(ApiClient client, Cache<Pod> pods, Cache<Node> nodes, EventRecorder recorder,
                            Clock clock, Duration podEvictionTimeout) {
        this.client = client;
        this.pods = pods;
        this.nodes = nodes;
        this.recorder = recorder;
        this.clock = clock;
        this.defaultTolerationSeconds = podEvictionTimeout.toSeconds();
    }

    @Override
    public Result reconcile(String key) {
        Optional<Pod> found = pods.get(ObjectKeys.namespace(key), ObjectKeys.name(key));
        if (found.isEmpty()) {
            scheduled.remove(key);
            return Result.done();
        }
        Pod pod = found.get();
        String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
        if (nodeName == null || nodeName.isEmpty() || pod.metadata().beingDeleted()) {
            scheduled.remove(key);
            return Result.done();
        }
        List<Taint> taints = nodes.get(null, nodeName).map(NodeTaints::noExecute).orElse(List.of());
        List<Toleration> tolerations = TaintTolerations.withDefaults(pod.spec().tolerations(),
            defaultTolerationSeconds);
        Optional<Duration> delay = TaintTolerations.evictionDelay(taints, tolerations);
        if (delay.isEmpty()) {
            cancel(key, pod);
            return Result.done();
        }
        Instant now = clock.instant();
        Instant since = scheduled.computeIfAbsent(key, k -> now);
        Instant due = since.plus(delay.get());
        if (now.isBefore(due)) {
            return Result.requeueAfter(Duration.between(now, due));
        }
        evict(pod, nodeName);
        scheduled.remove(key);
        return Result.done();
    }

    private void cancel(String key, Pod pod) {
        if (scheduled.remove(key) != null) {
            log.info("Cancelled the eviction of pod {}: its node's taints are gone or tolerated", key);
            recorder.normal(pod, "TaintManagerEviction", "Cancelling deletion of Pod %s", key);
        }
    }

    /** Marks the pod as a disruption target, then deletes it (gracefully: a kubelet may still stop it). */
    private void evict(Pod pod, String nodeName) {
        String key = Cache.keyOf(pod);
        log.info("Evicting pod {} from node {}: NoExecute taint not tolerated any longer", key, nodeName);
        recorder.normal(pod, "TaintManagerEviction", "Marking for deletion Pod %s", key);
        String now = Times.format(clock.instant());
        PodCondition disruption = new PodCondition(DISRUPTION_TARGET, Condition.TRUE, null, null,
            "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", null);
        ConflictRetry.update(client, Resources.PODS, pod, true, latest -> {
            if (latest.metadata().beingDeleted() || latest.status() == null) {
                return null;
            }
            boolean present = Conditions.find(latest.status().conditions(), DISRUPTION_TARGET)
                .map(c -> Condition.TRUE.equals(c.status())).orElse(false);
            return present ? null : latest.withStatus(latest.status()
                .withConditions(Conditions.set(latest.status().conditions(), disruption, now)));
        }, TIMEOUT);
        try {
            client.delete(Resources.PODS, pod.namespace(), pod.name(),
                DeleteOptions.defaults().withPreconditions(pod.metadata().uid(), null)).block(TIMEOUT);
        } catch (ApiException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e; // a conflict means the uid changed: another pod of that name, not ours to evict
            }
        }
    }
}
