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
 * the init container and container statuses in spec order. Times already in the status (startTime, condition
 * transitions) are kept.
 */
public final class PodStatuses {

    static final String ALWAYS = "Always";
    static final String ON_FAILURE = "OnFailure";
    static final String NEVER = "Never";

    private PodStatuses() {
    }

    /**
     * The status to report for {@code pod} given what the runtime found, at {@code now} (RFC 3339). The snapshot
     * holds init and app containers alike (their names are unique across both); an init container the runtime no
     * longer has (its Docker container removed after the pod was initialized) keeps the status last reported, as
     * the kubelet keeps its old status.
     */
    public static PodStatus compute(Pod pod, PodSnapshot snapshot, String now) {
        PodStatus current = pod.status() == null ? PodStatus.of(PodStatus.PENDING) : pod.status();
        List<Container> containers = pod.spec() == null ? List.of() : pod.spec().containersOrEmpty();
        List<Container> initContainers = pod.spec() == null ? List.of() : pod.spec().initContainersOrEmpty();
        Map<String, ContainerStatus> byName = snapshot.containerStatuses().stream()
            .collect(Collectors.toMap(ContainerStatus::name, Function.identity(), (a, b) -> a));
        List<ContainerStatus> ordered = inSpecOrder(containers, byName, List.of());
        List<ContainerStatus> initOrdered = inSpecOrder(initContainers, byName, current.initContainerStatuses());
        String phase = phase(initContainers, initOrdered, containers, ordered, restartPolicy(pod));
        List<PodCondition> conditions = current.conditions();
        conditions = Conditions.set(conditions, initialized(initContainers, initOrdered, containers, ordered, phase), now);
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
            .withInitContainerStatuses(initContainers.isEmpty() ? null : initOrdered)
            .withContainerStatuses(ordered)
            .withReason(null)
            .withMessage(null);
    }

    private static List<ContainerStatus> inSpecOrder(List<Container> containers, Map<String, ContainerStatus> byName,
            List<ContainerStatus> previous) {
        List<ContainerStatus> ordered = new ArrayList<>();
        for (Container container : containers) {
            ContainerStatus status = byName.get(container.name());
            if (status == null && previous != null) {
                status = previous.stream().filter(s -> container.name().equals(s.name())).findFirst().orElse(null);
            }
            if (status != null) {
                ordered.add(status);
            }
        }
        return ordered;
    }

    /** The kubelet's getPhase for pods without init containers. */
    static String phase(List<Container> containers, List<ContainerStatus> statuses, String restartPolicy) {
        return phase(List.of(), List.of(), containers, statuses, restartPolicy);
    }

    /**
     * The kubelet's getPhase (kubelet_pods.go): an init container that failed makes a Never pod Failed; one still
     * to run or running keeps the pod Pending unless an app container already started.
     */
    static String phase(List<Container> initContainers, List<ContainerStatus> initStatuses, List<Container> containers,
            List<ContainerStatus> statuses, String restartPolicy) {
        int pendingInitialization = 0;
        int failedInitialization = 0;
        Map<String, ContainerStatus> initByName = statuses(initStatuses);
        for (Container container : initContainers) {
            ContainerStatus status = initByName.get(container.name());
            if (status == null || status.state() == null) {
                pendingInitialization++;
            } else if (status.state().terminated() != null) {
                if (!Integer.valueOf(0).equals(status.state().terminated().exitCode())) {
                    failedInitialization++;
                }
            } else if (status.state().waiting() != null && status.lastState() != null
                    && status.lastState().terminated() != null) {
                if (!Integer.valueOf(0).equals(status.lastState().terminated().exitCode())) {
                    failedInitialization++;
                }
            } else {
                pendingInitialization++; // running, or waiting to run for the first time
            }
        }
        int unknown = 0;
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        Map<String, ContainerStatus> byName = statuses(statuses);
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
        if (failedInitialization > 0 && NEVER.equals(restartPolicy)) {
            return PodStatus.FAILED;
        }
        if ((pendingInitialization > 0 && !anyStarted(containers, byName)) || waiting > 0) {
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

    private static Map<String, ContainerStatus> statuses(List<ContainerStatus> statuses) {
        return statuses.stream().collect(Collectors.toMap(ContainerStatus::name, Function.identity(), (a, b) -> a));
    }

    /** The kubelet's HasAnyRegularContainerStarted: an app container runs or has run, so the pod was initialized. */
    private static boolean anyStarted(List<Container> containers, Map<String, ContainerStatus> byName) {
        for (Container container : containers) {
            ContainerStatus status = byName.get(container.name());
            if (status != null && status.state() != null
                    && (status.state().running() != null || status.state().terminated() != null)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Initialized condition (status/generate.go GeneratePodInitializedCondition): True once every init container
     * exited 0 (its status ready), or once an app container started; otherwise False, ContainersNotInitialized,
     * naming the init containers that have not completed.
     */
    static PodCondition initialized(List<Container> initContainers, List<ContainerStatus> initStatuses,
            List<Container> containers, List<ContainerStatus> statuses, String phase) {
        Map<String, ContainerStatus> initByName = statuses(initStatuses);
        List<String> unknown = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Container container : initContainers) {
            ContainerStatus status = initByName.get(container.name());
            if (status == null) {
                unknown.add(container.name());
            } else if (!Boolean.TRUE.equals(status.ready())) {
                incomplete.add(container.name());
            }
        }
        if (PodStatus.SUCCEEDED.equals(phase) && unknown.isEmpty()) {
            return PodCondition.of(PodCondition.INITIALIZED, "True", "PodCompleted", null);
        }
        if (anyStarted(containers, statuses(statuses)) || (unknown.isEmpty() && incomplete.isEmpty())) {
            return PodCondition.of(PodCondition.INITIALIZED, "True", null, null);
        }
        List<String> messages = new ArrayList<>();
        if (!unknown.isEmpty()) {
            messages.add("containers with unknown status: " + bracketed(unknown));
        }
        if (!incomplete.isEmpty()) {
            messages.add("containers with incomplete status: " + bracketed(incomplete));
        }
        return PodCondition.of(PodCondition.INITIALIZED, "False", "ContainersNotInitialized", String.join(", ", messages));
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

    /**
     * The restart policy that applies to the pod's (non-sidecar) init containers: one that exited 0 is done and never
     * runs again; one that failed runs again unless the pod's policy is Never (the kubelet's
     * computeInitContainerActions).
     */
    public static String initRestartPolicy(Pod pod) {
        return NEVER.equals(restartPolicy(pod)) ? NEVER : ON_FAILURE;
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
