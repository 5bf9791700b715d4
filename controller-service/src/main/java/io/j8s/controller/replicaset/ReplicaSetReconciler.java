package io.j8s.controller.replicaset;

import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.expectations.Expectations;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.Indexes;
import io.j8s.common.labels.Selector;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ApiErrors;
import io.j8s.controller.support.ControllerRefManager;
import io.j8s.controller.support.Pods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code spec.replicas} pods for one ReplicaSet (Kubernetes' syncReplicaSet): claims the pods that match
 * its selector, creates or deletes the difference unless earlier creates/deletes are still unobserved, and
 * writes the counts to {@code /status}.
 */
final class ReplicaSetReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSetReconciler.class);
    /** Kubernetes' BurstReplicas: at most this many creates or deletes per sync. */
    static final int BURST_REPLICAS = 500;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final Cache<ReplicaSet> replicaSets;
    private final Cache<Pod> pods;
    private final Expectations expectations;
    private final PodDeletionExpectations deletions;
    private final EventRecorder recorder;
    private final Clock clock;

    ReplicaSetReconciler(ApiClient client, Cache<ReplicaSet> replicaSets, Cache<Pod> pods, Expectations expectations,
                         PodDeletionExpectations deletions, EventRecorder recorder, Clock clock) {
        this.client = client;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.expectations = expectations;
        this.deletions = deletions;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Optional<ReplicaSet> found = replicaSets.getByKey(key);
        if (found.isEmpty()) {
            deletions.forget(key);
            return Result.done();
        }
        ReplicaSet rs = found.get();
        boolean needsSync = expectations.satisfied(key);
        Selector selector;
        try {
            selector = Selector.from(rs.spec().selector());
        } catch (IllegalArgumentException e) {
            log.warn("ReplicaSet {} has an invalid selector: {}", key, e.getMessage());
            return Result.done();
        }
        // Every active pod of the namespace, so that owned pods that stopped matching are found and released.
        List<Pod> active = pods.list(rs.namespace()).stream().filter(Pods::isActive).toList();
        ControllerRefManager.Claimed<Pod> claimed = new ControllerRefManager<>(client, Resources.PODS, rs, selector,
            ControllerRefManager.recheckDeletionTimestamp(client, Resources.REPLICASETS, rs, TIMEOUT), TIMEOUT)
            .claim(active);
        if (!claimed.errors().isEmpty()) {
            throw claimed.errors().get(0);
        }
        List<Pod> owned = claimed.owned();

        Throwable manageError = null;
        if (needsSync && !rs.metadata().beingDeleted()) {
            manageError = manageReplicas(key, rs, owned);
        }
        Instant now = clock.instant();
        ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, owned, manageError, now);
        updateStatus(rs, status);
        if (manageError != null) {
            throw manageError instanceof RuntimeException runtime ? runtime : new IllegalStateException(manageError);
        }
        return ReplicaSetStatuses.nextAvailability(rs, owned, now).map(Result::requeueAfter).orElse(Result.done());
    }

    /** Creates or deletes pods to reach spec.replicas; returns what failed, or null. */
    private Throwable manageReplicas(String key, ReplicaSet rs, List<Pod> owned) {
        int diff = owned.size() - ReplicaSetStatuses.replicas(rs);
        if (diff < 0) {
            int toCreate = Math.min(-diff, BURST_REPLICAS);
            log.info("Too few replicas for ReplicaSet {}: need {}, creating {}", key, ReplicaSetStatuses.replicas(rs), toCreate);
            expectations.expectCreations(key, toCreate);
            SlowStart.Outcome outcome = SlowStart.run(toCreate, SlowStart.INITIAL_BATCH_SIZE, () -> createPod(rs), TIMEOUT);
            int skipped = toCreate - outcome.successes();
            if (skipped > 0) {
                // Creations that failed or were never tried will never be observed.
                expectations.lowerExpectations(key, skipped, 0);
            }
            return outcome.firstError();
        }
        if (diff > 0) {
            int toDelete = Math.min(diff, BURST_REPLICAS);
            log.info("Too many replicas for ReplicaSet {}: need {}, deleting {}", key, ReplicaSetStatuses.replicas(rs), toDelete);
            List<Pod> victims = PodDeletionRanking.podsToDelete(owned, relatedPods(rs), toDelete);
            deletions.expect(key, victims.stream().map(Cache::keyOf).toList());
            List<Throwable> errors = Flux.fromIterable(victims)
                .flatMap(pod -> deletePod(key, rs, pod))
                .collectList()
                .block(TIMEOUT);
            return errors == null || errors.isEmpty() ? null : errors.get(0);
        }
        return null;
    }

    private Mono<Pod> createPod(ReplicaSet rs) {
        return client.create(Resources.PODS, desiredPod(rs))
            .doOnNext(pod -> recorder.normal(rs, "SuccessfulCreate", "Created pod: %s", pod.name()))
            .onErrorResume(ApiException.class, e -> ApiErrors.isNamespaceTerminating(e) ? Mono.empty() : Mono.error(e))
            .doOnError(e -> recorder.warning(rs, "FailedCreate", "Error creating: %s", ApiErrors.messageOf(e)));
    }

    /** The pod the ReplicaSet's template describes (Kubernetes' GetPodFromTemplate). */
    static Pod desiredPod(ReplicaSet rs) {
        PodTemplateSpec template = rs.spec().template();
        ObjectMeta templateMeta = template.metadata() == null ? ObjectMeta.of(null, null) : template.metadata();
        ObjectMeta meta = ObjectMeta.of(rs.namespace(), null)
            .withGenerateName(rs.name() + "-")
            .withLabels(copyOrNull(templateMeta.labels()))
            .withAnnotations(copyOrNull(templateMeta.annotations()))
            .withFinalizers(templateMeta.finalizers() == null ? null : List.copyOf(templateMeta.finalizers()))
            .withOwnerReferences(List.of(OwnerReference.controllerOf(rs)));
        return Pod.of(meta, template.spec());
    }

    /** Deletes one pod; emits the error unless it was already gone. */
    private Mono<Throwable> deletePod(String key, ReplicaSet rs, Pod pod) {
        return client.delete(Resources.PODS, pod.namespace(), pod.name(), null)
            .then(Mono.<Throwable>fromRunnable(() -> recorder.normal(rs, "SuccessfulDelete", "Deleted pod: %s", pod.name())))
            .onErrorResume(e -> {
                deletions.observed(key, Cache.keyOf(pod));
                if (e instanceof ApiException api && api.isNotFound()) {
                    return Mono.empty();
                }
                recorder.warning(rs, "FailedDelete", "Error deleting: %s", ApiErrors.messageOf(e));
                return Mono.just(e);
            });
    }

    /**
     * Pods of every ReplicaSet with the same controller (the Deployment's other revisions): a pod sharing its
     * node with many of them goes first, spreading what remains.
     */
    private List<Pod> relatedPods(ReplicaSet rs) {
        Optional<OwnerReference> controller = rs.metadata().controllerRef();
        if (controller.isEmpty()) {
            return List.of();
        }
        Map<String, Pod> related = new LinkedHashMap<>();
        for (ReplicaSet sibling : replicaSets.byIndex(Indexes.OWNER_UID, controller.get().uid())) {
            boolean sameController = sibling.metadata().controllerRef()
                .map(ref -> Objects.equals(ref.uid(), controller.get().uid())).orElse(false);
            if (!sameController || !Objects.equals(sibling.namespace(), rs.namespace())) {
                continue;
            }
            Selector selector;
            try {
                selector = Selector.from(sibling.spec().selector());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (Pod pod : pods.list(sibling.namespace(), selector)) {
                related.putIfAbsent(pod.metadata().uid(), pod);
            }
        }
        return new ArrayList<>(related.values());
    }

    /** Writes the status if it changed, retrying once against a fresh copy (Kubernetes' updateReplicaSetStatus). */
    private void updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
        if (ReplicaSetStatuses.upToDate(rs, status)) {
            return;
        }
        ReplicaSetStatus desired = status.withObservedGeneration(ReplicaSetStatuses.generation(rs));
        try {
            client.updateStatus(Resources.REPLICASETS, rs.withStatus(desired)).block(TIMEOUT);
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return;
            }
            // The generation observed stays the one this sync read, even if the fresh copy is newer.
            ReplicaSet fresh = client.get(Resources.REPLICASETS, rs.namespace(), rs.name()).block(TIMEOUT);
            client.updateStatus(Resources.REPLICASETS, fresh.withStatus(desired)).block(TIMEOUT);
        }
    }

    private static Map<String, String> copyOrNull(Map<String, String> map) {
        return map == null ? null : new HashMap<>(map);
    }
}
