package io.j8s.nodeagent.pod;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodIP;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A pod's status from what its containers do, as the kubelet computes it (kubelet_pods.go getPhase and
 * generateAPIPodStatus, status/generate.go): the phase, the Initialized, ContainersReady and Ready conditions, and
 * the container statuses in spec order. Times already in the status (startTime, condition transitions) are kept.
 */
public final class PodStatuses {

    static final String ALWAYS = "Always";
    static final String ON_FAILURE = "OnFailure";
    static final String NEVER = "Never";

    private PodStatuses() {
    }

    /** The status to report for {@code pod} given what the runtime found, at {@code now} (RFC 3339). */
    public static PodStatus compute(Pod pod, PodSnapshot snapshot, String now) {
        PodStatus current = pod.status() == null ? PodStatus.of(PodStatus.PENDING) : pod.status();
        List<Container> containers = pod.spec() == null ? List.of() : pod.spec().containersOrEmpty();
        Map<String, ContainerStatus> byName = snapshot.containerStatuses().stream()
            .collect(Collectors.toMap(ContainerStatus::name, Function.identity(), (a, b) -> a));
        List<ContainerStatus> ordered = new ArrayList<>();
        for (Container container : containers) {
            ContainerStatus status = byName.get(container.name());
            if (status != null) {
                ordered.add(status);
            }
        }
        String phase = phase(containers, ordered, restartPolicy(pod));
        List<PodCondition> conditions = current.conditions();
        conditions = Conditions.set(conditions, PodCondition.of(PodCondition.INITIALIZED, "True", null, null), now);
        PodCondition containersReady = readiness(PodCondition.CONTAINERS_READY, containers, byName, phase);
        conditions = Conditions.set(conditions, readiness(PodCondition.READY, containers, byName, phase), now);
        conditions = Conditions.set(conditions, containersReady, now);
        String startTime = current.startTime() != null ? current.startTime() : now;
        String podIP = snapshot.podIP() != null ? snapshot.podIP() : current.podIP();
        return current.withPhase(phase)
            .withConditions(conditions)
            .withHostIP(snapshot.hostIP())
            .withPodIP(podIP)
            .withPodIPs(podIP == null ? null : List.of(new PodIP(podIP, null)))
            .withStartTime(startTime)
            .withContainerStatuses(ordered)
            .withReason(null)
            .withMessage(null);
    }

    /** The kubelet's getPhase for pods without init containers. */
    static String phase(List<Container> containers, List<ContainerStatus> statuses, String restartPolicy) {
        int unknown = 0;
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        Map<String, ContainerStatus> byName = statuses.stream()
            .collect(Collectors.toMap(ContainerStatus::name, Function.identity(), (a, b) -> a));
        for (Container container : containers) {
            ContainerStatus status = byName.get(container.name());
            if (status == null || status.state() == null) {
                unknown++;
            } else if (status.state().running() != null) {
                running++;
            } else if (status.state().terminated() != null) {
                stopped++;
                if (Integer.valueOf(0).equals(status.state().terminated().exitCode())) {
                    succeeded++;
                }
            } else if (status.state().waiting() != null) {
                if (status.lastState() != null && status.lastState().terminated() != null) {
                    stopped++;
                } else {
                    waiting++;
                }
            } else {
                unknown++;
            }
        }
        if (waiting > 0) {
            return PodStatus.PENDING;
        }
        if (running > 0 && unknown == 0) {
            return PodStatus.RUNNING;
        }
        if (running == 0 && stopped > 0 && unknown == 0) {
            if (ALWAYS.equals(restartPolicy)) {
                return PodStatus.RUNNING;
            }
            if (stopped == succeeded) {
                return PodStatus.SUCCEEDED;
            }
            return NEVER.equals(restartPolicy) ? PodStatus.FAILED : PodStatus.RUNNING;
        }
        return PodStatus.PENDING;
    }

    /** ContainersReady or Ready: true when every container is ready; otherwise kubelet's reason and message. */
    private static PodCondition readiness(String type, List<Container> containers, Map<String, ContainerStatus> byName,
            String phase) {
        if (PodStatus.SUCCEEDED.equals(phase)) {
            return PodCondition.of(type, "False", "PodCompleted", null);
        }
        List<String> unknown = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        for (Container container : containers) {
            ContainerStatus status = byName.get(container.name());
            if (status == null) {
                unknown.add(container.name());
            } else if (!Boolean.TRUE.equals(status.ready())) {
                unready.add(container.name());
            }
        }
        if (unknown.isEmpty() && unready.isEmpty()) {
            return PodCondition.of(type, "True", null, null);
        }
        List<String> messages = new ArrayList<>();
        if (!unknown.isEmpty()) {
            messages.add("containers with unknown status: " + bracketed(unknown));
        }
        if (!unready.isEmpty()) {
            messages.add("containers with unready status: " + bracketed(unready));
        }
        return PodCondition.of(type, "False", "ContainersNotReady", String.join(", ", messages));
    }

    private static String bracketed(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    /** The pod's restartPolicy, Always when unset (the API server defaults it anyway). */
    public static String restartPolicy(Pod pod) {
        String policy = pod.spec() == null ? null : pod.spec().restartPolicy();
        return policy == null || policy.isEmpty() ? ALWAYS : policy;
    }

    /** Whether a container that exited with {@code exitCode} is started again under {@code restartPolicy}. */
    public static boolean shouldRestart(String restartPolicy, int exitCode) {
        return switch (restartPolicy) {
            case NEVER -> false;
            case ON_FAILURE -> exitCode != 0;
            default -> true;
        };
    }

    /** Succeeded or Failed: the pod will not run anything again. */
    public static boolean isTerminal(String phase) {
        return PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase);
    }
}
