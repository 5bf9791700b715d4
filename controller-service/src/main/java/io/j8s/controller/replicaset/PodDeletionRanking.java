package io.j8s.controller.replicaset;

import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.Times;
import io.j8s.controller.support.Pods;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which a ReplicaSet gives up its pods, first to delete first (Kubernetes' ActivePodsWithRanks):
 * unscheduled before scheduled; Pending before Unknown before Running; not ready before ready; lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first; pods sharing their node with more pods of the same
 * owner first; ready for less time first; more container restarts first; newer before older.
 */
final class PodDeletionRanking implements Comparator<Pod> {

    static final String DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
    private static final Map<String, Integer> PHASE_ORDINAL =
        Map.of(PodStatus.PENDING, 0, PodStatus.UNKNOWN, 1, PodStatus.RUNNING, 2);

    private final Map<String, Integer> activePodsPerNode;

    /** @param activePodsPerNode active pods of the same owner (and its sibling ReplicaSets) per node name */
    PodDeletionRanking(Map<String, Integer> activePodsPerNode) {
        this.activePodsPerNode = activePodsPerNode;
    }

    /** The first {@code count} pods of {@code pods} in deletion order. */
    static List<Pod> podsToDelete(List<Pod> pods, List<Pod> relatedPods, int count) {
        if (count >= pods.size()) {
            return List.copyOf(pods);
        }
        Map<String, Integer> perNode = new java.util.HashMap<>();
        for (Pod pod : relatedPods) {
            if (Pods.isActive(pod)) {
                perNode.merge(nodeName(pod), 1, Integer::sum);
            }
        }
        return pods.stream().sorted(new PodDeletionRanking(perNode)).limit(count).toList();
    }

    @Override
    public int compare(Pod a, Pod b) {
        String nodeA = nodeName(a);
        String nodeB = nodeName(b);
        if (!nodeA.equals(nodeB) && (nodeA.isEmpty() || nodeB.isEmpty())) {
            return nodeA.isEmpty() ? -1 : 1;
        }
        int phase = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
        if (phase != 0) {
            return phase;
        }
        boolean readyA = Pods.isReady(a);
        boolean readyB = Pods.isReady(b);
        if (readyA != readyB) {
            return readyA ? 1 : -1;
        }
        int cost = Integer.compare(deletionCost(a), deletionCost(b));
        if (cost != 0) {
            return cost;
        }
        int rank = Integer.compare(activePodsPerNode.getOrDefault(nodeB, 0), activePodsPerNode.getOrDefault(nodeA, 0));
        if (rank != 0) {
            return rank;
        }
        if (readyA) {
            int readyTime = laterOrUnknownFirst(Pods.readySince(a), Pods.readySince(b));
            if (readyTime != 0) {
                return readyTime;
            }
        }
        int restarts = Integer.compare(maxRestarts(b), maxRestarts(a));
        if (restarts != 0) {
            return restarts;
        }
        return laterOrUnknownFirst(created(a), created(b));
    }

    /** Go's afterOrZero as an ordering: an unknown time first, then the later one. */
    private static int laterOrUnknownFirst(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : a == null ? -1 : 1;
        }
        return b.compareTo(a);
    }

    private static String nodeName(Pod pod) {
        return pod.spec() == null || pod.spec().nodeName() == null ? "" : pod.spec().nodeName();
    }

    private static int phaseOrdinal(Pod pod) {
        String phase = Pods.phase(pod);
        return phase == null ? 0 : PHASE_ORDINAL.getOrDefault(phase, 0);
    }

    private static int deletionCost(Pod pod) {
        String value = pod.metadata() == null ? null : pod.metadata().annotationsOrEmpty().get(DELETION_COST_ANNOTATION);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxRestarts(Pod pod) {
        List<ContainerStatus> statuses = pod.status() == null ? null : pod.status().containerStatuses();
        if (statuses == null) {
            return 0;
        }
        return statuses.stream().mapToInt(s -> s.restartCount() == null ? 0 : s.restartCount()).max().orElse(0);
    }

    private static Instant created(Pod pod) {
        try {
            return pod.metadata() == null ? null : Times.parse(pod.metadata().creationTimestamp());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
