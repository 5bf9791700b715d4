package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentCondition;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Deployment's status from its ReplicaSets, and the progress rules on it (sync.go, progress.go). */
final class DeploymentStatuses {

    private DeploymentStatuses() {
    }

    /** Counts summed over the ReplicaSets, and the Available condition (calculateStatus). */
    static DeploymentStatus calculate(List<ReplicaSet> allRSs, ReplicaSet newRS, Deployment d, Instant now) {
        List<ReplicaSet> present = allRSs.stream().filter(Objects::nonNull).toList();
        int available = Replicas.sum(present, Replicas::availableReplicas);
        int total = Replicas.sum(present, Replicas::replicas);
        int unavailable = Math.max(0, total - available);
        DeploymentStatus current = current(d);
        DeploymentStatus status = DeploymentStatus.empty()
            .withObservedGeneration(generation(d))
            .withReplicas(Replicas.sum(present, Replicas::statusReplicas))
            .withUpdatedReplicas(newRS == null ? 0 : Replicas.statusReplicas(newRS))
            .withReadyReplicas(Replicas.sum(present, Replicas::readyReplicas))
            .withAvailableReplicas(available)
            .withUnavailableReplicas(unavailable)
            .withCollisionCount(current.collisionCount())
            .withConditions(current.conditions() == null ? null : List.copyOf(current.conditions()));
        if (available >= Replicas.replicas(d) - Replicas.maxUnavailable(d)) {
            return DeploymentConditions.set(status, DeploymentConditions.of(DeploymentCondition.AVAILABLE, Condition.TRUE,
                DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.", now));
        }
        return DeploymentConditions.set(status, DeploymentConditions.of(DeploymentCondition.AVAILABLE, Condition.FALSE,
            DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", now));
    }

    /** Every replica updated and available, and this generation observed (DeploymentComplete). */
    static boolean complete(Deployment d, DeploymentStatus status) {
        int replicas = Replicas.replicas(d);
        return orZero(status.updatedReplicas()) == replicas && orZero(status.replicas()) == replicas
            && orZero(status.availableReplicas()) == replicas
            && (status.observedGeneration() == null ? 0 : status.observedGeneration()) >= generation(d);
    }

    /** Any sign of progress between the recorded status and the new one (DeploymentProgressing). */
    static boolean progressing(Deployment d, DeploymentStatus newStatus) {
        DeploymentStatus old = current(d);
        int oldOld = orZero(old.replicas()) - orZero(old.updatedReplicas());
        int newOld = orZero(newStatus.replicas()) - orZero(newStatus.updatedReplicas());
        return orZero(newStatus.updatedReplicas()) > orZero(old.updatedReplicas())
            || newOld < oldOld
            || orZero(newStatus.readyReplicas()) > orZero(old.readyReplicas())
            || orZero(newStatus.availableReplicas()) > orZero(old.availableReplicas());
    }

    /** No progress for progressDeadlineSeconds since the Progressing condition was last updated. */
    static boolean timedOut(Deployment d, DeploymentStatus newStatus, Instant now) {
        if (!hasProgressDeadline(d)) {
            return false;
        }
        Optional<DeploymentCondition> condition = DeploymentConditions.get(newStatus, DeploymentCondition.PROGRESSING);
        if (condition.isEmpty() || DeploymentConditions.NEW_RS_AVAILABLE.equals(condition.get().reason())) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(condition.get().reason())) {
            return true;
        }
        Instant from = parse(condition.get().lastUpdateTime());
        return from != null && from.plusSeconds(d.spec().progressDeadlineSeconds()).isBefore(now);
    }

    /**
     * When to look again for a deadline that may pass without any event (requeueStuckDeployment): empty when
     * no deadline applies, zero for "at once".
     */
    static Optional<Duration> progressCheckAfter(Deployment d, DeploymentStatus newStatus, Instant now) {
        Optional<DeploymentCondition> current = DeploymentConditions.get(current(d), DeploymentCondition.PROGRESSING);
        if (!hasProgressDeadline(d) || current.isEmpty()) {
            return Optional.empty();
        }
        if (complete(d, newStatus) || DeploymentConditions.TIMED_OUT.equals(current.get().reason())) {
            return Optional.empty();
        }
        Instant lastUpdate = parse(current.get().lastUpdateTime());
        if (lastUpdate == null) {
            return Optional.empty();
        }
        Duration after = Duration.between(now, lastUpdate.plusSeconds(d.spec().progressDeadlineSeconds()));
        if (after.compareTo(Duration.ofSeconds(1)) < 0) {
            return Optional.of(Duration.ZERO);
        }
        // One second more, so the deadline has surely passed (the times have whole seconds).
        return Optional.of(after.plusSeconds(1));
    }

    static boolean hasProgressDeadline(Deployment d) {
        Integer deadline = d.spec().progressDeadlineSeconds();
        return deadline != null && deadline != Integer.MAX_VALUE;
    }

    /** Equal as Kubernetes would compare them: absent numbers are 0, absent conditions an empty list. */
    static boolean same(DeploymentStatus a, DeploymentStatus b) {
        return normalized(a).equals(normalized(b));
    }

    static DeploymentStatus current(Deployment d) {
        return d.status() == null ? DeploymentStatus.empty() : d.status();
    }

    static long generation(Deployment d) {
        return d.metadata().generation() == null ? 0L : d.metadata().generation();
    }

    private static DeploymentStatus normalized(DeploymentStatus s) {
        return new DeploymentStatus(s.observedGeneration() == null ? 0L : s.observedGeneration(),
            orZero(s.replicas()), orZero(s.updatedReplicas()), orZero(s.readyReplicas()),
            orZero(s.availableReplicas()), orZero(s.unavailableReplicas()),
            s.conditions() == null ? List.of() : List.copyOf(s.conditions()), s.collisionCount(), null);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Instant parse(String time) {
        try {
            return Times.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
