package io.j8s.controller.node;

import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How long a pod may stay on a node with NoExecute taints (Kubernetes' taint eviction arithmetic). */
final class TaintTolerations {

    private TaintTolerations() {
    }

    /**
     * The pod's tolerations plus what Kubernetes' DefaultTolerationSeconds admission plugin gives every pod
     * that does not already tolerate them: {@code not-ready} and {@code unreachable} NoExecute for
     * {@code defaultSeconds}. j8s's API server does not add them, so the controller assumes them.
     */
    static List<Toleration> withDefaults(List<Toleration> tolerations, long defaultSeconds) {
        List<Toleration> result = new ArrayList<>(tolerations == null ? List.of() : tolerations);
        for (String key : List.of(NodeTaints.NOT_READY, NodeTaints.UNREACHABLE)) {
            boolean covered = result.stream().anyMatch(t ->
                (isEmpty(t.key()) || key.equals(t.key()))
                    && (isEmpty(t.effect()) || Taint.NO_EXECUTE.equals(t.effect())));
            if (!covered) {
                result.add(new Toleration(key, "Exists", null, Taint.NO_EXECUTE, defaultSeconds, null));
            }
        }
        return result;
    }

    /**
     * When a pod on a node with these NoExecute taints must go: {@link Duration#ZERO} at once when some
     * taint is not tolerated (or tolerated for 0 seconds or less), else after the shortest tolerationSeconds
     * among the tolerations used; empty when every taint is tolerated forever.
     */
    static Optional<Duration> evictionDelay(List<Taint> noExecuteTaints, List<Toleration> tolerations) {
        if (noExecuteTaints.isEmpty()) {
            return Optional.empty();
        }
        List<Toleration> used = new ArrayList<>();
        for (Taint taint : noExecuteTaints) {
            Optional<Toleration> match = tolerations.stream().filter(t -> t.tolerates(taint)).findFirst();
            if (match.isEmpty()) {
                return Optional.of(Duration.ZERO);
            }
            used.add(match.get());
        }
        Long shortest = null;
        for (Toleration toleration : used) {
            Long seconds = toleration.tolerationSeconds();
            if (seconds == null) {
                continue;
            }
            if (seconds <= 0) {
                return Optional.of(Duration.ZERO);
            }
            shortest = shortest == null ? seconds : Math.min(shortest, seconds);
        }
        return shortest == null ? Optional.empty() : Optional.of(Duration.ofSeconds(shortest));
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
