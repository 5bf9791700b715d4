package io.j8s.controller.deployment;

import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.client.ApiClient;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.labels.Selector;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ControllerRefManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one Deployment's ReplicaSets to its spec (Kubernetes' syncDeployment): claims its ReplicaSets, then
 * only writes status while it is being deleted, only scales while paused or on a change of replicas, and
 * otherwise takes one step of its strategy.
 */
final class DeploymentReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(DeploymentReconciler.class);

    private final ApiClient client;
    private final Cache<Deployment> deployments;
    private final Cache<ReplicaSet> replicaSets;
    private final Cache<Pod> pods;
    private final EventRecorder recorder;
    private final Clock clock;

    DeploymentReconciler(ApiClient client, Cache<Deployment> deployments, Cache<ReplicaSet> replicaSets, Cache<Pod> pods,
                         EventRecorder recorder, Clock clock) {
        this.client = client;
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Optional<Deployment> found = deployments.getByKey(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        Deployment d = found.get();
        Selector selector;
        try {
            selector = Selector.from(d.spec().selector());
        } catch (IllegalArgumentException e) {
            log.warn("Deployment {} has an invalid selector: {}", key, e.getMessage());
            return Result.done();
        }
        if (selectsEverything(d.spec().selector())) {
            recorder.warning(d, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            DeploymentStatus status = DeploymentStatuses.current(d);
            long observed = status.observedGeneration() == null ? 0 : status.observedGeneration();
            if (observed < DeploymentStatuses.generation(d)) {
                client.updateStatus(Resources.DEPLOYMENTS,
                    d.withStatus(status.withObservedGeneration(DeploymentStatuses.generation(d)))).block(DeploymentSync.TIMEOUT);
            }
            return Result.done();
        }
        List<ReplicaSet> owned = claimReplicaSets(d, selector);
        DeploymentSync sync = new DeploymentSync(client, recorder, clock, d, owned);
        if (d.metadata().beingDeleted()) {
            sync.syncStatusOnly();
            return Result.done();
        }
        sync.checkPausedConditions();
        if (sync.paused() || sync.isScalingEvent()) {
            sync.sync();
            return Result.done();
        }
        if (Replicas.isRecreate(d)) {
            Recreate.rollout(sync, podsByReplicaSet(d, selector, owned));
        } else {
            RollingUpdate.rollout(sync);
        }
        return sync.requeueAfter()
            .map(after -> after.isZero() ? Result.requeue() : Result.requeueAfter(after))
            .orElse(Result.done());
    }

    /** Adopts matching orphan ReplicaSets, releases owned ones that stopped matching (getReplicaSetsForDeployment). */
    private List<ReplicaSet> claimReplicaSets(Deployment d, Selector selector) {
        ControllerRefManager.Claimed<ReplicaSet> claimed = new ControllerRefManager<>(client, Resources.REPLICASETS, d,
            selector, ControllerRefManager.recheckDeletionTimestamp(client, Resources.DEPLOYMENTS, d, DeploymentSync.TIMEOUT),
            DeploymentSync.TIMEOUT).claim(replicaSets.list(d.namespace()));
        if (!claimed.errors().isEmpty()) {
            throw claimed.errors().get(0);
        }
        return claimed.owned();
    }

    /** The Deployment's pods, terminating ones included, by the uid of the ReplicaSet that controls them. */
    private Map<String, List<Pod>> podsByReplicaSet(Deployment d, Selector selector, List<ReplicaSet> owned) {
        Set<String> uids = owned.stream().map(rs -> rs.metadata().uid()).collect(Collectors.toSet());
        Map<String, List<Pod>> byReplicaSet = new HashMap<>();
        owned.forEach(rs -> byReplicaSet.put(rs.metadata().uid(), new ArrayList<>()));
        for (Pod pod : pods.list(d.namespace(), selector)) {
            pod.metadata().controllerRef()
                .filter(ref -> uids.contains(ref.uid()))
                .ifPresent(ref -> byReplicaSet.get(ref.uid()).add(pod));
        }
        return byReplicaSet;
    }

    private static boolean selectsEverything(LabelSelector selector) {
        return selector != null
            && (selector.matchLabels() == null || selector.matchLabels().isEmpty())
            && (selector.matchExpressions() == null || selector.matchExpressions().isEmpty());
    }
}
