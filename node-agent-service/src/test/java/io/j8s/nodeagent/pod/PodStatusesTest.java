package io.j8s.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerState;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodStatusesTest {

    private static final List<Container> TWO = List.of(Container.of("a", "img"), Container.of("b", "img"));
    private static final ContainerState NONE = new ContainerState(null, null, null, null);

    private static ContainerStatus running(String name, boolean ready) {
        return new ContainerStatus(name, ContainerState.running("2026-01-01T00:00:00Z"), NONE, ready, 0, "img", "",
            "docker://" + name, true, null);
    }

    private static ContainerStatus exited(String name, int code) {
        return new ContainerStatus(name, ContainerState.terminated(code, code == 0 ? "Completed" : "Error", null, null,
            null, null), NONE, false, 0, "img", "", null, false, null);
    }

    private static ContainerStatus waiting(String name, String reason, boolean ranBefore) {
        return new ContainerStatus(name, ContainerState.waiting(reason, null),
            ranBefore ? ContainerState.terminated(1, "Error", null, null, null, null) : NONE, false, 1, "img", "",
            null, false, null);
    }

    @Test
    void phaseFollowsTheKubeletsGetPhase() {
        assertThat(PodStatuses.phase(TWO, List.of(running("a", true), running("b", true)), "Always")).isEqualTo("Running");
        assertThat(PodStatuses.phase(TWO, List.of(running("a", true), waiting("b", "ContainerCreating", false)), "Always"))
            .isEqualTo("Pending");
        // CrashLoopBackOff after a run counts as stopped: the pod is Running, as kubectl shows it.
        assertThat(PodStatuses.phase(TWO, List.of(running("a", true), waiting("b", "CrashLoopBackOff", true)), "Always"))
            .isEqualTo("Running");
        assertThat(PodStatuses.phase(TWO, List.of(exited("a", 0), exited("b", 0)), "Never")).isEqualTo("Succeeded");
        assertThat(PodStatuses.phase(TWO, List.of(exited("a", 0), exited("b", 2)), "Never")).isEqualTo("Failed");
        assertThat(PodStatuses.phase(TWO, List.of(exited("a", 0), exited("b", 2)), "OnFailure")).isEqualTo("Running");
        assertThat(PodStatuses.phase(TWO, List.of(exited("a", 0), exited("b", 0)), "OnFailure")).isEqualTo("Succeeded");
        assertThat(PodStatuses.phase(TWO, List.of(exited("a", 0), exited("b", 0)), "Always")).isEqualTo("Running");
        assertThat(PodStatuses.phase(TWO, List.of(running("a", true)), "Always")).isEqualTo("Pending");
    }

    @Test
    void readinessConditionsNameTheUnreadyContainersAndTimesAreKept() {
        Pod pod = Pod.of(ObjectMeta.of("ns", "p").withUid("u"), PodSpec.of(TWO).withRestartPolicy("Always"))
            .withStatus(PodStatus.of("Pending").withConditions(List.of(
                new PodCondition("PodScheduled", "True", null, "2026-01-01T00:00:00Z", null, null, null))));
        PodSnapshot snapshot = new PodSnapshot("127.0.0.1", "127.0.0.1", List.of(running("b", false), running("a", true)),
            Map.of(), null);

        PodStatus status = PodStatuses.compute(pod, snapshot, "2026-01-01T00:00:05Z");

        assertThat(status.phase()).isEqualTo("Running");
        assertThat(status.containerStatuses()).extracting(ContainerStatus::name).containsExactly("a", "b");
        assertThat(status.startTime()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(status.podIP()).isEqualTo("127.0.0.1");
        assertThat(status.conditions()).extracting(c -> c.type() + "=" + c.status()).containsExactly(
            "PodScheduled=True", "Initialized=True", "Ready=False", "ContainersReady=False");
        assertThat(status.conditions().get(0).lastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(status.conditions().get(2).message()).isEqualTo("containers with unready status: [b]");

        PodSnapshot ready = new PodSnapshot("127.0.0.1", "127.0.0.1", List.of(running("a", true), running("b", true)),
            Map.of(), null);
        PodStatus later = PodStatuses.compute(pod.withStatus(status), ready, "2026-01-01T00:00:09Z");
        assertThat(later.conditions()).extracting(c -> c.type() + "=" + c.status() + "@" + c.lastTransitionTime())
            .containsExactly("PodScheduled=True@2026-01-01T00:00:00Z", "Initialized=True@2026-01-01T00:00:05Z",
                "Ready=True@2026-01-01T00:00:09Z", "ContainersReady=True@2026-01-01T00:00:09Z");
        assertThat(later.startTime()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(PodStatuses.compute(pod.withStatus(later), ready, "2026-01-01T00:00:20Z")).isEqualTo(later);
    }

    private static final List<Container> INITS = List.of(Container.of("init-a", "img"), Container.of("init-b", "img"));

    private static ContainerStatus completed(String name) {
        return exited(name, 0).withReady(true);
    }

    private static Pod podWithInits(String restartPolicy) {
        return Pod.of(ObjectMeta.of("ns", "p").withUid("u"),
            PodSpec.of(TWO).withInitContainers(INITS).withRestartPolicy(restartPolicy));
    }

    private static PodStatus compute(Pod pod, ContainerStatus... statuses) {
        return PodStatuses.compute(pod, new PodSnapshot("127.0.0.1", "127.0.0.1", List.of(statuses), Map.of(), null),
            "2026-01-01T00:00:05Z");
    }

    private static String condition(PodStatus status, String type) {
        PodCondition c = status.conditions().stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
        return c.status() + (c.reason() == null ? "" : " " + c.reason()) + (c.message() == null ? "" : ": " + c.message());
    }

    @Test
    void whileInitContainersRunThePodIsPendingAndNotInitialized() {
        PodStatus status = compute(podWithInits("Always"), completed("init-a"), running("init-b", false),
            waiting("a", "PodInitializing", false), waiting("b", "PodInitializing", false));

        assertThat(status.phase()).isEqualTo("Pending");
        assertThat(condition(status, "Initialized"))
            .isEqualTo("False ContainersNotInitialized: containers with incomplete status: [init-b]");
        assertThat(condition(status, "ContainersReady"))
            .isEqualTo("False ContainersNotReady: containers with unready status: [a b]");
        assertThat(status.initContainerStatuses()).extracting(ContainerStatus::name).containsExactly("init-a", "init-b");
        assertThat(status.containerStatuses()).extracting(ContainerStatus::name).containsExactly("a", "b");
    }

    @Test
    void aFailedInitContainerFailsANeverPodAndLoopsOtherwise() {
        ContainerStatus failed = exited("init-a", 1);
        assertThat(compute(podWithInits("Never"), failed, waiting("init-b", "PodInitializing", false),
            waiting("a", "PodInitializing", false), waiting("b", "PodInitializing", false)).phase()).isEqualTo("Failed");

        // CrashLoopBackOff of an init container: Pending, as the app containers wait for it.
        PodStatus looping = compute(podWithInits("Always"), waiting("init-a", "CrashLoopBackOff", true),
            waiting("init-b", "PodInitializing", false), waiting("a", "PodInitializing", false),
            waiting("b", "PodInitializing", false));
        assertThat(looping.phase()).isEqualTo("Pending");
        assertThat(condition(looping, "Initialized"))
            .isEqualTo("False ContainersNotInitialized: containers with incomplete status: [init-a init-b]");
        assertThat(compute(podWithInits("OnFailure"), failed, waiting("init-b", "PodInitializing", false),
            waiting("a", "PodInitializing", false), waiting("b", "PodInitializing", false)).phase()).isEqualTo("Pending");
    }

    @Test
    void completedInitContainersInitializeThePodAndAreKeptWhenTheRuntimeForgetsThem() {
        Pod pod = podWithInits("Always");
        PodStatus status = compute(pod, completed("init-a"), completed("init-b"), running("a", true), running("b", true));
        assertThat(status.phase()).isEqualTo("Running");
        assertThat(condition(status, "Initialized")).isEqualTo("True");
        assertThat(condition(status, "Ready")).isEqualTo("True");

        // The init containers' Docker containers are gone (removed by hand): their last status stays, still True.
        PodStatus later = compute(pod.withStatus(status), running("a", true), running("b", true));
        assertThat(later.initContainerStatuses()).isEqualTo(status.initContainerStatuses());
        assertThat(condition(later, "Initialized")).isEqualTo("True");

        // Never reported and app containers already running (an adopted pod): initialized, as the kubelet says.
        PodStatus adopted = compute(pod, running("a", true), running("b", true));
        assertThat(adopted.phase()).isEqualTo("Running");
        assertThat(condition(adopted, "Initialized")).isEqualTo("True");
    }

    @Test
    void aSucceededPodIsInitializedWithReasonPodCompleted() {
        PodStatus status = compute(podWithInits("Never"), completed("init-a"), completed("init-b"), exited("a", 0),
            exited("b", 0));
        assertThat(status.phase()).isEqualTo("Succeeded");
        assertThat(condition(status, "Initialized")).isEqualTo("True PodCompleted");
    }

    @Test
    void initContainersRestartOnlyOnFailureAndNeverUnderNever() {
        assertThat(PodStatuses.initRestartPolicy(podWithInits("Always"))).isEqualTo("OnFailure");
        assertThat(PodStatuses.initRestartPolicy(podWithInits("OnFailure"))).isEqualTo("OnFailure");
        assertThat(PodStatuses.initRestartPolicy(podWithInits("Never"))).isEqualTo("Never");
    }

    @Test
    void restartPolicies() {
        assertThat(PodStatuses.shouldRestart("Always", 0)).isTrue();
        assertThat(PodStatuses.shouldRestart("OnFailure", 0)).isFalse();
        assertThat(PodStatuses.shouldRestart("OnFailure", 137)).isTrue();
        assertThat(PodStatuses.shouldRestart("Never", 1)).isFalse();
    }
}
