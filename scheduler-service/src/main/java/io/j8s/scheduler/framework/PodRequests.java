package io.j8s.scheduler.framework;

import io.j8s.common.api.Quantities;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Pod;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of a node, counted as Kubernetes counts it: the larger of the sum of its containers' requests
 * and its largest init container's request (init containers run one at a time, before the others), plus one pod.
 */
public final class PodRequests {

    /** Scoring assumes these for containers that request nothing, as kube-scheduler does (100m CPU, 200 MB). */
    public static final long DEFAULT_MILLI_CPU = 100;
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** The requests NodeResourcesFit compares with a node's free room. */
    public static ResourceList of(Pod pod) {
        return compute(pod, false);
    }

    /** The requests scoring uses: containers without a request count as the defaults above. */
    public static ResourceList nonZero(Pod pod) {
        return compute(pod, true);
    }

    private static ResourceList compute(Pod pod, boolean nonZero) {
        long cpu = 0;
        long memory = 0;
        for (Container container : containers(pod.spec().containers())) {
            cpu += request(container, "cpu", nonZero ? DEFAULT_MILLI_CPU : 0, true);
            memory += request(container, "memory", nonZero ? DEFAULT_MEMORY : 0, false);
        }
        for (Container init : containers(pod.spec().initContainers())) {
            cpu = Math.max(cpu, request(init, "cpu", nonZero ? DEFAULT_MILLI_CPU : 0, true));
            memory = Math.max(memory, request(init, "memory", nonZero ? DEFAULT_MEMORY : 0, false));
        }
        return new ResourceList(cpu, memory, 1);
    }

    private static long request(Container container, String resource, long fallback, boolean milli) {
        Map<String, String> requests = container.resources() == null ? null : container.resources().requests();
        String quantity = requests == null ? null : requests.get(resource);
        if (quantity == null) {
            return fallback;
        }
        return milli ? Quantities.milliValue(quantity) : Quantities.value(quantity);
    }

    private static List<Container> containers(List<Container> containers) {
        return containers == null ? List.of() : containers;
    }
}
