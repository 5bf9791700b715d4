package io.j8s.nodeagent.pod;

import io.j8s.common.api.core.ContainerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a runtime found a pod's containers doing.
 *
 * @param podIP              the pod's address (null until its sandbox exists)
 * @param hostIP             the node's address
 * @param containerStatuses  one per container the runtime knows of, in any order
 * @param annotations        annotations the pod must carry (e.g. {@code j8s.io/host-ports}), empty for none
 * @param recheckAfter       when to look again without any change (a back-off ending, a delay passing); null: the
 *                           usual resync
 */
public record PodSnapshot(
        String podIP,
        String hostIP,
        List<ContainerStatus> containerStatuses,
        Map<String, String> annotations,
        Duration recheckAfter) {

    public PodSnapshot {
        containerStatuses = containerStatuses == null ? List.of() : List.copyOf(containerStatuses);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
