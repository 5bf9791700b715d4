package io.j8s.scheduler.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a pod fits on no node (kube-scheduler's FitError with its Diagnosis): how many nodes there were, the
 * reasons each rejected node gave (from the first filter that rejected it), or the PreFilter message if a
 * PreFilter rejected the pod outright, and which plugins rejected it (what decides which cluster events may
 * let it fit).
 *
 * @param nodeReasons node name to the reasons it was rejected for
 */
public record FitError(int numAllNodes, String preFilterMessage, Map<String, List<String>> nodeReasons,
                       Set<String> rejectedBy) implements ScheduleResult {

    /** kube-scheduler's ErrNoNodesAvailable. */
    public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    public FitError {
        nodeReasons = Map.copyOf(nodeReasons);
        rejectedBy = Set.copyOf(rejectedBy);
    }

    public static FitError noNodes() {
        return new FitError(0, null, Map.of(), Set.of());
    }

    /**
     * The message of the pod's PodScheduled condition and FailedScheduling event, as kube-scheduler writes it:
     * {@code 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.} —
     * each reason with the number of nodes that gave it, the "count reason" strings sorted as strings.
     */
    public String message() {
        if (numAllNodes == 0) {
            return NO_NODES_AVAILABLE;
        }
        StringBuilder message = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (preFilterMessage != null && !preFilterMessage.isEmpty()) {
            return message.append(' ').append(preFilterMessage).append('.').toString();
        }
        Map<String, Integer> histogram = new TreeMap<>();
        nodeReasons.values().forEach(reasons -> reasons.forEach(reason -> histogram.merge(reason, 1, Integer::sum)));
        List<String> counted = new ArrayList<>(histogram.size());
        histogram.forEach((reason, count) -> counted.add(count + " " + reason));
        Collections.sort(counted);
        if (!counted.isEmpty()) {
            message.append(' ').append(String.join(", ", counted)).append('.');
        }
        return message.toString();
    }
}
