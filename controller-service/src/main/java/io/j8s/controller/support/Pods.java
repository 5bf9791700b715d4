package io.j8s.controller.support;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pod states as Kubernetes' controllers read them (pkg/api/v1/pod/util.go, controller_utils.go). */
public final class Pods {

    private Pods() {
    }

    /** Counts toward a controller's replicas: not Succeeded or Failed, and not being deleted (IsPodActive). */
    public static boolean isActive(Pod pod) {
        String phase = phase(pod);
        return !PodStatus.SUCCEEDED.equals(phase) && !PodStatus.FAILED.equals(phase)
            && (pod.metadata() == null || !pod.metadata().beingDeleted());
    }

    public static String phase(Pod pod) {
        return pod.status() == null ? null : pod.status().phase();
    }

    /** The Ready condition is True. */
    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> Condition.TRUE.equals(c.status())).orElse(false);
    }

    /** When a ready pod became ready (its Ready condition's lastTransitionTime); null if unknown or not ready. */
    public static Instant readySince(Pod pod) {
        if (!isReady(pod)) {
            return null;
        }
        return readyCondition(pod).map(c -> parseOrNull(c.lastTransitionTime())).orElse(null);
    }

    /**
     * Ready for at least {@code minReadySeconds} (IsPodAvailable); with 0, ready is available. A ready pod
     * without a transition time counts as not yet available when minReadySeconds is set, as in Kubernetes.
     */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        return untilAvailable(pod, minReadySeconds, now).map(Duration::isZero).orElse(false);
    }

    /**
     * How long until a ready pod becomes available: zero when it already is, empty when it is not ready (or
     * never will be by waiting alone).
     */
    public static Optional<Duration> untilAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return Optional.empty();
        }
        if (minReadySeconds <= 0) {
            return Optional.of(Duration.ZERO);
        }
        Instant since = readySince(pod);
        if (since == null) {
            return Optional.empty();
        }
        Instant availableAt = since.plusSeconds(minReadySeconds);
        // Kubernetes: available when since + minReadySeconds is strictly before now.
        return Optional.of(availableAt.isBefore(now) ? Duration.ZERO : Duration.between(now, availableAt).plusMillis(1));
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        List<PodCondition> conditions = pod.status() == null ? null : pod.status().conditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> PodCondition.READY.equals(c.type())).findFirst();
    }

    private static Instant parseOrNull(String time) {
        try {
            return Times.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
