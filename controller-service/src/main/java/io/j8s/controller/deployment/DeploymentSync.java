package io.j8s.controller.deployment;

import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentCondition;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetCondition;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.PatchType;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.json.Json;
import io.j8s.controller.support.ApiErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sync of one Deployment (Kubernetes' sync.go and progress.go): finds the new and old ReplicaSets, keeps
 * revisions, scales, cleans up old revisions, and writes the status. The strategies ({@link RollingUpdate},
 * {@link Recreate}) are built from these steps.
 *
 * <p>It holds the Deployment as read from the cache, updated with its own writes (resourceVersion,
 * annotations, status) so that several writes in one sync do not conflict with each other; the spec and
 * generation stay the ones read, so observedGeneration never claims a spec this sync did not act on.
 */
final class DeploymentSync {

    private static final Logger log = LoggerFactory.getLogger(DeploymentSync.class);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final EventRecorder recorder;
    private final Clock clock;
    private final List<ReplicaSet> rsList;
    private Deployment d;
    private Duration requeueAfter;

    DeploymentSync(ApiClient client, EventRecorder recorder, Clock clock, Deployment d, List<ReplicaSet> rsList) {
        this.client = client;
        this.recorder = recorder;
        this.clock = clock;
        this.d = d;
        this.rsList = new ArrayList<>(rsList);
    }

    /** The new ReplicaSet (null if none matches the template yet) and every other one the Deployment owns. */
    record Revisioned(ReplicaSet newRS, List<ReplicaSet> oldRSs) {

        /** Old and new together, without a missing new one. */
        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(oldRSs);
            if (newRS != null) {
                all.add(newRS);
            }
            return all;
        }
    }

    /** Whether a write scaled, and the ReplicaSet as it now is. */
    record Scaled(boolean scaled, ReplicaSet rs) {
    }

    Deployment deployment() {
        return d;
    }

    /** When to look again for a progress deadline, if the last status write found nothing to write. */
    Optional<Duration> requeueAfter() {
        return Optional.ofNullable(requeueAfter);
    }

    // ---- finding the ReplicaSets

    /**
     * getAllReplicaSetsAndSyncRevision: the new ReplicaSet gets the next revision if it does not have it yet,
     * and the Deployment the new ReplicaSet's revision; with {@code create}, a missing new ReplicaSet is created.
     */
    Revisioned replicaSetsWithRevision(boolean create) {
        ReplicaSet existing = findNewReplicaSet();
        List<ReplicaSet> oldRSs = rsList.stream()
            .filter(rs -> existing == null || !Objects.equals(rs.metadata().uid(), existing.metadata().uid()))
            .toList();
        return new Revisioned(newReplicaSet(existing, oldRSs, create), oldRSs);
    }

    /** The oldest owned ReplicaSet whose template equals the Deployment's, the hash label aside (FindNewReplicaSet). */
    private ReplicaSet findNewReplicaSet() {
        return rsList.stream().sorted(Replicas.OLDEST_FIRST)
            .filter(rs -> rs.spec() != null && rs.spec().template() != null)
            .filter(rs -> PodTemplateHash.equalIgnoringHash(rs.spec().template(), d.spec().template()))
            .findFirst().orElse(null);
    }

    private ReplicaSet newReplicaSet(ReplicaSet existing, List<ReplicaSet> oldRSs, boolean create) {
        long newRevision = Revisions.maxRevision(oldRSs) + 1;
        if (existing != null) {
            return syncExistingNewReplicaSet(existing, newRevision);
        }
        if (!create) {
            return null;
        }
        return createNewReplicaSet(oldRSs, newRevision);
    }

    private ReplicaSet syncExistingNewReplicaSet(ReplicaSet existing, long newRevision) {
        Map<String, String> annotations = Revisions.forNewReplicaSet(d, existing, newRevision, true);
        boolean annotationsChanged = !annotations.equals(existing.metadata().annotationsOrEmpty());
        boolean minReadySecondsChanged = minReadySeconds(existing) != minReadySeconds(d);
        if (annotationsChanged || minReadySecondsChanged) {
            ReplicaSet updated = existing
                .withMetadata(existing.metadata().withAnnotations(annotations))
                .withSpec(existing.spec().withMinReadySeconds(minReadySeconds(d)));
            if (!Objects.equals(existing.metadata().annotationsOrEmpty().get(Revisions.REVISION_ANNOTATION),
                annotations.get(Revisions.REVISION_ANNOTATION))) {
                log.info("Deployment {}: ReplicaSet {} is revision {} now", d.metadata().key(), existing.name(),
                    annotations.get(Revisions.REVISION_ANNOTATION));
            }
            // As Kubernetes: the Deployment's revision follows in the next sync, from the updated ReplicaSet.
            return remember(client.update(Resources.REPLICASETS, updated).block(TIMEOUT));
        }
        setRevision(existing.metadata().annotationsOrEmpty().get(Revisions.REVISION_ANNOTATION));
        DeploymentStatus status = DeploymentStatuses.current(d);
        if (DeploymentStatuses.hasProgressDeadline(d)
            && DeploymentConditions.get(status, DeploymentCondition.PROGRESSING).isEmpty()) {
            updateStatus(DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING, Condition.TRUE,
                DeploymentConditions.FOUND_NEW_RS, "Found new replica set \"" + existing.name() + "\"")));
        }
        return existing;
    }

    private ReplicaSet createNewReplicaSet(List<ReplicaSet> oldRSs, long newRevision) {
        DeploymentStatus status = DeploymentStatuses.current(d);
        String hash = PodTemplateHash.compute(d.spec().template(), status.collisionCount());
        ReplicaSet desired = desiredReplicaSet(hash);
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        all.add(desired);
        int replicas = Replicas.newReplicaSetReplicas(d, all, desired);
        desired = desired.withSpec(desired.spec().withReplicas(replicas));
        desired = desired.withMetadata(desired.metadata()
            .withAnnotations(Revisions.forNewReplicaSet(d, desired, newRevision, false)));
        ReplicaSet created;
        boolean alreadyExisted = false;
        try {
            created = client.create(Resources.REPLICASETS, desired).block(TIMEOUT);
        } catch (ApiException e) {
            if (e.isAlreadyExists()) {
                // A slow cache or a fast resync: it may be ours already, or another template with the same hash.
                ReplicaSet found = client.get(Resources.REPLICASETS, d.namespace(), desired.name()).block(TIMEOUT);
                boolean ours = found.metadata().controllerRef()
                    .map(ref -> Objects.equals(ref.uid(), d.metadata().uid())).orElse(false);
                if (!ours || !PodTemplateHash.equalIgnoringHash(d.spec().template(), found.spec().template())) {
                    int collisions = status.collisionCount() == null ? 0 : status.collisionCount();
                    updateStatus(status.withCollisionCount(collisions + 1));
                    log.info("Deployment {}: hash collision on ReplicaSet {}, collisionCount now {}",
                        d.metadata().key(), desired.name(), collisions + 1);
                    throw e;
                }
                created = found;
                alreadyExisted = true;
            } else if (ApiErrors.isNamespaceTerminating(e)) {
                throw e;
            } else {
                String message = "Failed to create new replica set \"" + desired.name() + "\": " + ApiErrors.messageOf(e);
                if (DeploymentStatuses.hasProgressDeadline(d)) {
                    try {
                        updateStatus(DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING,
                            Condition.FALSE, DeploymentConditions.FAILED_RS_CREATE, message)));
                    } catch (ApiException ignored) {
                        // the failure to report is the bigger one
                    }
                }
                recorder.warning(d, DeploymentConditions.FAILED_RS_CREATE, "%s", message);
                throw e;
            }
        }
        remember(created);
        if (!alreadyExisted) {
            log.info("Deployment {}: created ReplicaSet {} (revision {}) with {} replicas", d.metadata().key(),
                created.name(), newRevision, replicas);
            if (replicas > 0) {
                recorder.normal(d, "ScalingReplicaSet", "Scaled up replica set %s from 0 to %d", created.name(), replicas);
            }
        }
        setRevision(Long.toString(newRevision));
        if (!alreadyExisted && DeploymentStatuses.hasProgressDeadline(d)) {
            updateStatus(DeploymentConditions.set(DeploymentStatuses.current(d), condition(DeploymentCondition.PROGRESSING,
                Condition.TRUE, DeploymentConditions.NEW_REPLICA_SET, "Created new replica set \"" + created.name() + "\"")));
        }
        return created;
    }

    /**
     * The ReplicaSet for the Deployment's current template: named {@code <deployment>-<hash>}, the hash as label
     * on it, on its pods and in its selector, so that ReplicaSets of different templates never share pods.
     */
    private ReplicaSet desiredReplicaSet(String hash) {
        PodTemplateSpec template = d.spec().template();
        ObjectMeta templateMeta = template.metadata() == null ? ObjectMeta.of(null, null) : template.metadata();
        Map<String, String> labels = new HashMap<>(templateMeta.labelsOrEmpty());
        labels.put(PodTemplateHash.LABEL, hash);
        LabelSelector selector = d.spec().selector();
        Map<String, String> matchLabels = new HashMap<>(selector.matchLabels() == null ? Map.of() : selector.matchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        ObjectMeta meta = ObjectMeta.of(d.namespace(), d.name() + "-" + hash)
            .withLabels(labels)
            .withOwnerReferences(List.of(OwnerReference.controllerOf(d)));
        ReplicaSetSpec spec = new ReplicaSetSpec(0, minReadySeconds(d),
            new LabelSelector(matchLabels, selector.matchExpressions(), null),
            template.withMetadata(templateMeta.withLabels(labels)), null);
        return ReplicaSet.of(meta, spec);
    }

    // ---- scaling

    /** A scaling event, or a paused Deployment: scale, clean up, write status; never roll (sync). */
    void sync() {
        Revisioned r = replicaSetsWithRevision(false);
        scale(r.newRS(), r.oldRSs());
        if (paused()) {
            cleanup(r.oldRSs());
        }
        syncDeploymentStatus(r.all(), r.newRS());
    }

    /** Only the status, e.g. while the Deployment is being deleted (syncStatusOnly). */
    void syncStatusOnly() {
        Revisioned r = replicaSetsWithRevision(false);
        syncDeploymentStatus(r.all(), r.newRS());
    }

    /** Some active ReplicaSet was sized for another replica count than the Deployment's now (isScalingEvent). */
    boolean isScalingEvent() {
        Revisioned r = replicaSetsWithRevision(false);
        for (ReplicaSet rs : active(r.all())) {
            Integer desired = Replicas.intAnnotation(rs, Replicas.DESIRED_REPLICAS_ANNOTATION);
            if (desired != null && desired != Replicas.replicas(d)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sizes the ReplicaSets for a new replica count (scale): a single active ReplicaSet takes it all; otherwise
     * the difference is shared in proportion to their sizes, so a rollout in progress neither speeds up nor
     * loses its balance.
     */
    void scale(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        ReplicaSet activeOrLatest = activeOrLatest(newRS, oldRSs);
        if (activeOrLatest != null) {
            if (Replicas.replicas(activeOrLatest) != Replicas.replicas(d)) {
                scaleAndRecordEvent(activeOrLatest, Replicas.replicas(d));
            }
            return;
        }
        if (Replicas.isSaturated(d, newRS)) {
            for (ReplicaSet old : active(oldRSs)) {
                scaleAndRecordEvent(old, 0);
            }
            return;
        }
        if (!Replicas.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> all = new ArrayList<>(active(oldRSs));
        if (newRS != null && Replicas.replicas(newRS) > 0) {
            all.add(newRS);
        }
        int allReplicas = Replicas.sum(all, Replicas::replicas);
        int allowed = Replicas.replicas(d) > 0 ? Replicas.replicas(d) + Replicas.maxSurge(d) : 0;
        int toAdd = allowed - allReplicas;
        String operation = "";
        if (toAdd > 0) {
            all.sort(Replicas.LARGEST_NEWEST_FIRST);
            operation = "up";
        } else if (toAdd < 0) {
            all.sort(Replicas.LARGEST_OLDEST_FIRST);
            operation = "down";
        }
        int added = 0;
        Map<String, Integer> sizes = new HashMap<>();
        for (ReplicaSet rs : all) {
            int proportion = toAdd != 0 ? Replicas.proportion(rs, d, toAdd, added) : 0;
            sizes.put(rs.name(), Replicas.replicas(rs) + proportion);
            added += proportion;
        }
        for (int i = 0; i < all.size(); i++) {
            ReplicaSet rs = all.get(i);
            if (i == 0 && toAdd != 0) {
                // Leftovers go to the largest ReplicaSet.
                sizes.put(rs.name(), Math.max(0, sizes.get(rs.name()) + toAdd - added));
            }
            scale(rs, sizes.get(rs.name()), operation);
        }
    }

    /** The one active ReplicaSet, or the newest if none is active; null when several are (FindActiveOrLatest). */
    private static ReplicaSet activeOrLatest(ReplicaSet newRS, List<ReplicaSet> oldRSs) {
        if (newRS == null && oldRSs.isEmpty()) {
            return null;
        }
        List<ReplicaSet> all = new ArrayList<>(oldRSs);
        if (newRS != null) {
            all.add(newRS);
        }
        List<ReplicaSet> active = active(all);
        if (active.size() == 1) {
            return active.get(0);
        }
        if (!active.isEmpty()) {
            return null;
        }
        if (newRS != null) {
            return newRS;
        }
        return oldRSs.stream().max(Replicas.OLDEST_FIRST).orElse(null);
    }

    Scaled scaleAndRecordEvent(ReplicaSet rs, int newScale) {
        if (Replicas.replicas(rs) == newScale) {
            return new Scaled(false, rs);
        }
        return scale(rs, newScale, Replicas.replicas(rs) < newScale ? "up" : "down");
    }

    /** Sets the size and the desired/max replica annotations (scaleReplicaSet). */
    private Scaled scale(ReplicaSet rs, int newScale, String operation) {
        int desired = Replicas.replicas(d);
        int max = desired + Replicas.maxSurge(d);
        boolean sizeChanges = Replicas.replicas(rs) != newScale;
        if (!sizeChanges && !Revisions.replicasAnnotationsNeedUpdate(rs, desired, max)) {
            return new Scaled(false, rs);
        }
        Map<String, String> annotations = new HashMap<>(rs.metadata().annotationsOrEmpty());
        annotations.putAll(Revisions.replicasAnnotations(desired, max));
        ReplicaSet updated = client.update(Resources.REPLICASETS, rs
            .withMetadata(rs.metadata().withAnnotations(annotations))
            .withSpec(rs.spec().withReplicas(newScale))).block(TIMEOUT);
        remember(updated);
        if (sizeChanges) {
            log.info("Deployment {}: scaled {} ReplicaSet {} from {} to {}", d.metadata().key(), operation, rs.name(),
                Replicas.replicas(rs), newScale);
            recorder.normal(d, "ScalingReplicaSet", "Scaled %s replica set %s from %d to %d", operation, rs.name(),
                Replicas.replicas(rs), newScale);
        }
        return new Scaled(sizeChanges, updated);
    }

    /** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit (cleanupDeployment). */
    void cleanup(List<ReplicaSet> oldRSs) {
        Integer limit = d.spec().revisionHistoryLimit();
        if (limit == null || limit == Integer.MAX_VALUE) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(oldRSs.stream()
            .filter(rs -> rs != null && !rs.metadata().beingDeleted()).toList());
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(Replicas.OLDEST_FIRST);
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            long observed = rs.status() == null || rs.status().observedGeneration() == null ? 0
                : rs.status().observedGeneration();
            long generation = rs.metadata().generation() == null ? 0 : rs.metadata().generation();
            if (Replicas.statusReplicas(rs) != 0 || Replicas.replicas(rs) != 0 || generation > observed) {
                continue; // still has pods, or its controller has not caught up
            }
            log.info("Deployment {}: deleting old ReplicaSet {} beyond revisionHistoryLimit {}", d.metadata().key(),
                rs.name(), limit);
            try {
                client.delete(Resources.REPLICASETS, rs.namespace(), rs.name(), null).block(TIMEOUT);
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
    }

    // ---- status

    void syncDeploymentStatus(List<ReplicaSet> allRSs, ReplicaSet newRS) {
        DeploymentStatus status = DeploymentStatuses.calculate(allRSs, newRS, d, clock.instant());
        if (!DeploymentStatuses.same(DeploymentStatuses.current(d), status)) {
            updateStatus(status);
        }
    }

    /**
     * The status after a rollout step, with the Progressing condition (syncRolloutStatus): progress moves its
     * lastUpdateTime; none for progressDeadlineSeconds turns it False/ProgressDeadlineExceeded.
     */
    void syncRolloutStatus(List<ReplicaSet> allRSs, ReplicaSet newRS) {
        Instant now = clock.instant();
        DeploymentStatus status = DeploymentStatuses.calculate(allRSs, newRS, d, now);
        if (!DeploymentStatuses.hasProgressDeadline(d)) {
            status = DeploymentConditions.remove(status, DeploymentCondition.PROGRESSING);
        }
        Optional<DeploymentCondition> current = DeploymentConditions.get(DeploymentStatuses.current(d),
            DeploymentCondition.PROGRESSING);
        boolean completeRollout = Objects.equals(status.replicas(), status.updatedReplicas()) && current.isPresent()
            && DeploymentConditions.NEW_RS_AVAILABLE.equals(current.get().reason());
        if (DeploymentStatuses.hasProgressDeadline(d) && !completeRollout) {
            String subject = newRS != null ? "ReplicaSet \"" + newRS.name() + "\"" : "Deployment \"" + d.name() + "\"";
            if (DeploymentStatuses.complete(d, status)) {
                status = DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING, Condition.TRUE,
                    DeploymentConditions.NEW_RS_AVAILABLE, subject + " has successfully progressed."));
            } else if (DeploymentStatuses.progressing(d, status)) {
                DeploymentCondition progressing = condition(DeploymentCondition.PROGRESSING, Condition.TRUE,
                    DeploymentConditions.REPLICA_SET_UPDATED, subject + " is progressing.");
                // Unlike other conditions, progress refreshes lastUpdateTime even with the same reason.
                if (current.isPresent()) {
                    if (Condition.TRUE.equals(current.get().status())) {
                        progressing = progressing.withLastTransitionTime(current.get().lastTransitionTime());
                    }
                    status = DeploymentConditions.remove(status, DeploymentCondition.PROGRESSING);
                }
                status = DeploymentConditions.set(status, progressing);
            } else if (DeploymentStatuses.timedOut(d, status, now)) {
                status = DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING, Condition.FALSE,
                    DeploymentConditions.TIMED_OUT, subject + " has timed out progressing."));
            }
        }
        Optional<DeploymentCondition> failure = replicaFailure(allRSs, newRS);
        status = failure.isPresent() ? DeploymentConditions.set(status, failure.get())
            : DeploymentConditions.remove(status, DeploymentCondition.REPLICA_FAILURE);
        if (DeploymentStatuses.same(DeploymentStatuses.current(d), status)) {
            requeueAfter = DeploymentStatuses.progressCheckAfter(d, status, now).orElse(null);
            return;
        }
        updateStatus(status);
    }

    /**
     * The pause is recorded in the Progressing condition (Unknown), so the time spent paused never counts
     * against the progress deadline (checkPausedConditions).
     */
    void checkPausedConditions() {
        if (!DeploymentStatuses.hasProgressDeadline(d)) {
            return;
        }
        DeploymentStatus status = DeploymentStatuses.current(d);
        Optional<DeploymentCondition> current = DeploymentConditions.get(status, DeploymentCondition.PROGRESSING);
        if (current.isPresent() && DeploymentConditions.TIMED_OUT.equals(current.get().reason())) {
            return;
        }
        boolean pausedRecorded = current.isPresent() && DeploymentConditions.PAUSED.equals(current.get().reason());
        if (paused() && !pausedRecorded) {
            updateStatus(DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING, Condition.UNKNOWN,
                DeploymentConditions.PAUSED, "Deployment is paused")));
        } else if (!paused() && pausedRecorded) {
            updateStatus(DeploymentConditions.set(status, condition(DeploymentCondition.PROGRESSING, Condition.UNKNOWN,
                DeploymentConditions.RESUMED, "Deployment is resumed")));
        }
    }

    /** A ReplicaFailure of the new ReplicaSet, else of any old one (getReplicaFailures). */
    private static Optional<DeploymentCondition> replicaFailure(List<ReplicaSet> allRSs, ReplicaSet newRS) {
        List<ReplicaSet> order = new ArrayList<>();
        if (newRS != null) {
            order.add(newRS);
        }
        order.addAll(allRSs);
        for (ReplicaSet rs : order) {
            if (rs == null || rs.status() == null || rs.status().conditions() == null) {
                continue;
            }
            for (ReplicaSetCondition c : rs.status().conditions()) {
                if (DeploymentCondition.REPLICA_FAILURE.equals(c.type())) {
                    return Optional.of(new DeploymentCondition(c.type(), c.status(), c.lastTransitionTime(),
                        c.lastTransitionTime(), c.reason(), c.message(), null));
                }
            }
        }
        return Optional.empty();
    }

    // ---- writes to the Deployment

    /** The Deployment's revision annotation (a metadata write: the status subresource ignores metadata here). */
    private void setRevision(String revision) {
        if (revision == null || revision.equals(d.metadata().annotationsOrEmpty().get(Revisions.REVISION_ANNOTATION))) {
            return;
        }
        ObjectNode patch = Json.mapper().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", d.metadata().uid());
        metadata.putObject("annotations").put(Revisions.REVISION_ANNOTATION, revision);
        Deployment patched = client.patch(Resources.DEPLOYMENTS, d.namespace(), d.name(), PatchType.MERGE,
            Json.write(patch)).block(TIMEOUT);
        Map<String, String> annotations = new HashMap<>(d.metadata().annotationsOrEmpty());
        annotations.put(Revisions.REVISION_ANNOTATION, revision);
        d = d.withMetadata(d.metadata().withAnnotations(annotations)
            .withResourceVersion(patched.metadata().resourceVersion()));
    }

    private void updateStatus(DeploymentStatus status) {
        Deployment written = client.updateStatus(Resources.DEPLOYMENTS, d.withStatus(status)).block(TIMEOUT);
        d = d.withStatus(status).withMetadata(d.metadata().withResourceVersion(written.metadata().resourceVersion()));
    }

    // ---- helpers

    /** Replaces the cached copy of a ReplicaSet this sync just wrote, so later steps build on the write. */
    private ReplicaSet remember(ReplicaSet written) {
        rsList.removeIf(rs -> Objects.equals(rs.metadata().uid(), written.metadata().uid()));
        rsList.add(written);
        return written;
    }

    private DeploymentCondition condition(String type, String status, String reason, String message) {
        return DeploymentConditions.of(type, status, reason, message, clock.instant());
    }

    boolean paused() {
        return Boolean.TRUE.equals(d.spec().paused());
    }

    /** ReplicaSets with replicas wanted (FilterActiveReplicaSets). */
    static List<ReplicaSet> active(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().filter(rs -> rs != null && Replicas.replicas(rs) > 0).toList();
    }

    private static int minReadySeconds(ReplicaSet rs) {
        return rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
    }

    private static int minReadySeconds(Deployment d) {
        return d.spec().minReadySeconds() == null ? 0 : d.spec().minReadySeconds();
    }
}
