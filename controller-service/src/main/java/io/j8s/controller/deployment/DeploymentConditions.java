package io.j8s.controller.deployment;

import io.j8s.common.api.apps.DeploymentCondition;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.meta.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Deployment conditions with Kubernetes' reasons and update rules (deployment_util.go). */
final class DeploymentConditions {

    static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String NEW_REPLICA_SET = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

    private DeploymentConditions() {
    }

    static DeploymentCondition of(String type, String status, String reason, String message, Instant now) {
        String time = Times.format(now);
        return new DeploymentCondition(type, status, time, time, reason, message, null);
    }

    static Optional<DeploymentCondition> get(DeploymentStatus status, String type) {
        if (status == null || status.conditions() == null) {
            return Optional.empty();
        }
        return status.conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /**
     * Kubernetes' SetDeploymentCondition: nothing changes when status and reason are the same; with the same
     * status but another reason the condition is replaced but keeps its lastTransitionTime.
     */
    static DeploymentStatus set(DeploymentStatus status, DeploymentCondition condition) {
        Optional<DeploymentCondition> current = get(status, condition.type());
        if (current.isPresent() && Objects.equals(current.get().status(), condition.status())
            && Objects.equals(current.get().reason(), condition.reason())) {
            return status;
        }
        DeploymentCondition toSet = condition;
        if (current.isPresent() && Objects.equals(current.get().status(), condition.status())) {
            toSet = condition.withLastTransitionTime(current.get().lastTransitionTime());
        }
        List<DeploymentCondition> conditions = new ArrayList<>(without(status, condition.type()));
        conditions.add(toSet);
        return status.withConditions(List.copyOf(conditions));
    }

    static DeploymentStatus remove(DeploymentStatus status, String type) {
        List<DeploymentCondition> rest = without(status, type);
        return status.withConditions(rest.isEmpty() ? null : rest);
    }

    private static List<DeploymentCondition> without(DeploymentStatus status, String type) {
        return status.conditions() == null ? List.of()
            : status.conditions().stream().filter(c -> !type.equals(c.type())).toList();
    }
}
