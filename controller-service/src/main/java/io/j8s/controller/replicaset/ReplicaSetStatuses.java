package io.j8s.controller.replicaset;

import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetCondition;
import io.j8s.common.api.apps.ReplicaSetStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Times;
import io.j8s.common.labels.Selector;
import io.j8s.controller.support.ApiErrors;
import io.j8s.controller.support.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A ReplicaSet's status computed from the pods it owns (Kubernetes' replica_set_utils.go). */
final class ReplicaSetStatuses {

    static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetStatuses() {
    }

    /**
     * @param pods         the active pods the ReplicaSet owns
     * @param manageError  why creating or deleting pods failed in this sync, or null
     */
    static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> pods, Throwable manageError, Instant now) {
        ReplicaSetStatus current = rs.status() == null ? ReplicaSetStatus.empty() : rs.status();
        Selector templateLabels = Selector.fromSet(rs.spec().template() == null || rs.spec().template().metadata() == null
            ? null : rs.spec().template().metadata().labels());
        int minReadySeconds = minReadySeconds(rs);
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : pods) {
            if (templateLabels.matches(pod.metadata().labels())) {
                fullyLabeled++;
            }
            if (Pods.isReady(pod)) {
                ready++;
                if (Pods.isAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        List<ReplicaSetCondition> conditions = current.conditions();
        Optional<ReplicaSetCondition> failure = find(conditions, REPLICA_FAILURE);
        if (manageError != null && failure.isEmpty()) {
            int diff = pods.size() - replicas(rs);
            String reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
            conditions = with(conditions, failureCondition(reason, ApiErrors.messageOf(manageError), now));
        } else if (manageError == null && failure.isPresent()) {
            conditions = without(conditions, REPLICA_FAILURE);
        }
        return current.withReplicas(pods.size())
            .withFullyLabeledReplicas(fullyLabeled)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withConditions(conditions == null || conditions.isEmpty() ? null : conditions);
    }

    /** Whether writing {@code status} would change nothing Kubernetes compares (counts, generation, conditions). */
    static boolean upToDate(ReplicaSet rs, ReplicaSetStatus status) {
        ReplicaSetStatus current = rs.status() == null ? ReplicaSetStatus.empty() : rs.status();
        return orZero(current.replicas()) == orZero(status.replicas())
            && orZero(current.fullyLabeledReplicas()) == orZero(status.fullyLabeledReplicas())
            && orZero(current.readyReplicas()) == orZero(status.readyReplicas())
            && orZero(current.availableReplicas()) == orZero(status.availableReplicas())
            && generation(rs) == (current.observedGeneration() == null ? 0L : current.observedGeneration())
            && Objects.equals(emptyToNull(current.conditions()), emptyToNull(status.conditions()));
    }

    /** How long until the next ready pod becomes available under minReadySeconds, if any is waiting. */
    static Optional<Duration> nextAvailability(ReplicaSet rs, List<Pod> pods, Instant now) {
        int minReadySeconds = minReadySeconds(rs);
        if (minReadySeconds <= 0) {
            return Optional.empty();
        }
        return pods.stream()
            .map(pod -> Pods.untilAvailable(pod, minReadySeconds, now))
            .flatMap(Optional::stream)
            .filter(d -> !d.isZero())
            .min(Duration::compareTo);
    }

    static int replicas(ReplicaSet rs) {
        return rs.spec() == null || rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    static int minReadySeconds(ReplicaSet rs) {
        return rs.spec() == null || rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
    }

    static long generation(ReplicaSet rs) {
        return rs.metadata().generation() == null ? 0L : rs.metadata().generation();
    }

    private static ReplicaSetCondition failureCondition(String reason, String message, Instant now) {
        return ReplicaSetCondition.of(REPLICA_FAILURE, Condition.TRUE, reason, message)
            .withLastTransitionTime(Times.format(now));
    }

    private static Optional<ReplicaSetCondition> find(List<ReplicaSetCondition> conditions, String type) {
        return conditions == null ? Optional.empty()
            : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private static List<ReplicaSetCondition> with(List<ReplicaSetCondition> conditions, ReplicaSetCondition condition) {
        List<ReplicaSetCondition> result = new ArrayList<>(without(conditions, condition.type()));
        result.add(condition);
        return List.copyOf(result);
    }

    private static List<ReplicaSetCondition> without(List<ReplicaSetCondition> conditions, String type) {
        return conditions == null ? List.of() : conditions.stream().filter(c -> !type.equals(c.type())).toList();
    }

    private static List<ReplicaSetCondition> emptyToNull(List<ReplicaSetCondition> conditions) {
        return conditions == null || conditions.isEmpty() ? null : conditions;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
