package io.j8s.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentCondition;
import io.j8s.common.api.apps.DeploymentSpec;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.apps.DeploymentStrategy;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.controller.ControllerTestBase;
import io.j8s.controller.support.Pods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Deployment and ReplicaSet controllers together against the real API server. No node agent runs: the test
 * plays the kubelet, making pods ready and confirming the deletion of pods bound to a node.
 */
class DeploymentControllerIT extends ControllerTestBase {

    private static final Duration ROLLOUT = Duration.ofSeconds(90);
    private static final String NODE = "node-1";

    // ---- scaling and self-healing

    @Test
    void keepsReplicasHealsAndScales() {
        String ns = newNamespace();
        create(ns, "web", 5, "nginx:1.25", null, UnaryOperator.identity());

        await("5 pods", TIMEOUT, () -> active(ns, "app=web").size() == 5);
        List<ReplicaSet> replicaSets = replicaSets(ns);
        assertThat(replicaSets).hasSize(1);
        ReplicaSet rs = replicaSets.get(0);
        String hash = rs.metadata().labels().get(PodTemplateHash.LABEL);
        assertThat(rs.metadata().name()).isEqualTo("web-" + hash);
        assertThat(rs.spec().selector().matchLabels()).containsEntry(PodTemplateHash.LABEL, hash);
        assertThat(rs.metadata().annotations()).containsEntry(Revisions.REVISION_ANNOTATION, "1")
            .containsEntry(Replicas.DESIRED_REPLICAS_ANNOTATION, "5")
            .containsEntry(Replicas.MAX_REPLICAS_ANNOTATION, "7");
        assertThat(active(ns, "app=web")).allSatisfy(pod -> {
            assertThat(pod.metadata().labels()).containsEntry(PodTemplateHash.LABEL, hash);
            assertThat(pod.metadata().controllerRef().orElseThrow().uid()).isEqualTo(rs.metadata().uid());
        });
        await("deployment revision", TIMEOUT, () ->
            "1".equals(get(ns, "web").metadata().annotationsOrEmpty().get(Revisions.REVISION_ANNOTATION)));

        List<Pod> victims = active(ns, "app=web").subList(0, 2);
        Set<String> deleted = victims.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
        victims.forEach(p -> client.delete(Resources.PODS, ns, p.metadata().name(), null).block(TIMEOUT));
        await("back to 5 pods", TIMEOUT, () -> {
            List<Pod> pods = active(ns, "app=web");
            return pods.size() == 5 && pods.stream().noneMatch(p -> deleted.contains(p.metadata().name()));
        });

        scale(ns, "web", 8);
        await("8 pods", TIMEOUT, () -> active(ns, "app=web").size() == 8);
        scale(ns, "web", 3);
        await("3 pods", TIMEOUT, () -> active(ns, "app=web").size() == 3 && pods(ns, "app=web").size() == 3);
        assertThat(replicaSets(ns)).hasSize(1);

        await("events", TIMEOUT, () -> {
            List<Event> events = events(ns);
            return events.stream().anyMatch(e -> "SuccessfulCreate".equals(e.reason())
                    && "ReplicaSet".equals(e.involvedObject().kind()) && e.message().startsWith("Created pod: "))
                && events.stream().anyMatch(e -> "ScalingReplicaSet".equals(e.reason())
                    && "Deployment".equals(e.involvedObject().kind())
                    && e.message().equals("Scaled up replica set " + rs.metadata().name() + " from 0 to 5"))
                && events.stream().anyMatch(e -> "ScalingReplicaSet".equals(e.reason())
                    && e.message().equals("Scaled down replica set " + rs.metadata().name() + " from 8 to 3"));
        });
    }

    // ---- rolling update

    @Test
    void aRollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() throws InterruptedException {
        String ns = newNamespace();
        // 5 replicas: 25% surge rounds up to 2, 25% unavailable rounds down to 1.
        create(ns, "web", 5, "nginx:1.25", DeploymentStrategy.rollingUpdate(IntOrString.of("25%"), IntOrString.of("25%")),
            UnaryOperator.identity());
        completeRollout(ns, "web");
        ReplicaSet first = replicaSets(ns).get(0);

        AtomicInteger maxPods = new AtomicInteger();
        AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<String> worst = new AtomicReference<>("");
        Sampler sampler = new Sampler(() -> {
            List<Pod> pods = active(ns, "app=web");
            int ready = (int) pods.stream().filter(Pods::isReady).count();
            if (pods.size() > maxPods.get() || ready < minReady.get()) {
                worst.set(pods.size() + " pods, " + ready + " ready: " + describe(pods));
            }
            maxPods.accumulateAndGet(pods.size(), Math::max);
            minReady.accumulateAndGet(ready, Math::min);
        });
        sampler.start();
        try {
            setImage(ns, "web", "nginx:1.26");
            // The kubelet starts one new pod at a time, so the rollout goes through many small steps.
            await("the rollout", ROLLOUT, () -> {
                playKubelet(ns, "app=web", 1);
                sleep(150);
                return rolledOut(ns, "web");
            });
        } finally {
            sampler.stop();
        }
        assertThat(maxPods.get()).as("most pods at once (%s)", worst.get()).isLessThanOrEqualTo(7);
        assertThat(minReady.get()).as("fewest ready pods at once (%s)", worst.get()).isGreaterThanOrEqualTo(4);
        assertThat(active(ns, "app=web")).hasSize(5).allSatisfy(p ->
            assertThat(p.spec().containers().get(0).image()).isEqualTo("nginx:1.26"));

        List<ReplicaSet> replicaSets = replicaSets(ns);
        assertThat(replicaSets).hasSize(2);
        ReplicaSet old = find(replicaSets, first.metadata().name()).orElseThrow();
        assertThat(old.spec().replicas()).isZero();
        ReplicaSet updated = replicaSets.stream().filter(rs -> !rs.metadata().name().equals(first.metadata().name()))
            .findFirst().orElseThrow();
        assertThat(updated.metadata().annotations()).containsEntry(Revisions.REVISION_ANNOTATION, "2");

        Deployment d = get(ns, "web");
        assertThat(d.metadata().annotations()).containsEntry(Revisions.REVISION_ANNOTATION, "2");
        DeploymentStatus status = d.status();
        assertThat(status.observedGeneration()).isEqualTo(d.metadata().generation());
        assertThat(status.replicas()).isEqualTo(5);
        assertThat(status.updatedReplicas()).isEqualTo(5);
        assertThat(status.readyReplicas()).isEqualTo(5);
        assertThat(status.availableReplicas()).isEqualTo(5);
        assertThat(status.unavailableReplicas()).isZero();
        await("conditions", TIMEOUT, () -> {
            DeploymentStatus s = get(ns, "web").status();
            return hasCondition(s, DeploymentCondition.AVAILABLE, "True", "MinimumReplicasAvailable")
                && hasCondition(s, DeploymentCondition.PROGRESSING, "True", "NewReplicaSetAvailable");
        });
    }

    @Test
    void rollingBackReusesTheOldReplicaSetAsTheNewestRevision() {
        String ns = newNamespace();
        create(ns, "web", 2, "nginx:1.25", null, UnaryOperator.identity());
        completeRollout(ns, "web");
        ReplicaSet v1 = replicaSets(ns).get(0);

        setImage(ns, "web", "nginx:1.26");
        completeRollout(ns, "web");
        assertThat(replicaSets(ns)).hasSize(2);

        // kubectl rollout undo writes the old template back into the Deployment.
        setImage(ns, "web", "nginx:1.25");
        completeRollout(ns, "web");
        List<ReplicaSet> replicaSets = replicaSets(ns);
        assertThat(replicaSets).hasSize(2);
        ReplicaSet back = find(replicaSets, v1.metadata().name()).orElseThrow();
        assertThat(back.metadata().uid()).isEqualTo(v1.metadata().uid());
        assertThat(back.spec().replicas()).isEqualTo(2);
        assertThat(back.metadata().annotations()).containsEntry(Revisions.REVISION_ANNOTATION, "3")
            .containsEntry(Revisions.REVISION_HISTORY_ANNOTATION, "1");
        assertThat(get(ns, "web").metadata().annotations()).containsEntry(Revisions.REVISION_ANNOTATION, "3");
        assertThat(active(ns, "app=web")).allSatisfy(p ->
            assertThat(p.metadata().labels()).containsEntry(PodTemplateHash.LABEL,
                v1.metadata().labels().get(PodTemplateHash.LABEL)));
    }

    @Test
    void oldReplicaSetsBeyondTheRevisionHistoryLimitAreDeleted() {
        String ns = newNamespace();
        create(ns, "web", 1, "nginx:1", null, spec -> spec.withRevisionHistoryLimit(1));
        completeRollout(ns, "web");
        for (String image : List.of("nginx:2", "nginx:3", "nginx:4")) {
            setImage(ns, "web", image);
            completeRollout(ns, "web");
        }
        await("the new and one old ReplicaSet", TIMEOUT, () -> replicaSets(ns).size() == 2);
        Set<String> images = replicaSets(ns).stream()
            .map(rs -> rs.spec().template().spec().containers().get(0).image()).collect(Collectors.toSet());
        assertThat(images).containsExactlyInAnyOrder("nginx:3", "nginx:4");
    }

    // ---- Recreate

    @Test
    void recreateRemovesEveryOldPodBeforeANewOneExists() throws InterruptedException {
        String ns = newNamespace();
        create(ns, "web", 3, "nginx:1.25", DeploymentStrategy.recreate(), UnaryOperator.identity());
        completeRollout(ns, "web");

        AtomicReference<String> overlap = new AtomicReference<>();
        Sampler sampler = new Sampler(() -> {
            List<Pod> pods = pods(ns, "app=web");
            boolean oldPods = pods.stream().anyMatch(p -> image(p).equals("nginx:1.25"));
            boolean newPods = pods.stream().anyMatch(p -> image(p).equals("nginx:1.26"));
            if (oldPods && newPods) {
                overlap.compareAndSet(null, describe(pods));
            }
        });
        sampler.start();
        try {
            setImage(ns, "web", "nginx:1.26");
            // Old pods terminate for a while (they are bound to a node); the new ones must wait for them.
            await("old pods terminating", TIMEOUT, () -> active(ns, "app=web").isEmpty());
            sleep(1000);
            assertThat(pods(ns, "app=web")).hasSize(3).allMatch(p -> image(p).equals("nginx:1.25"));
            await("the rollout", ROLLOUT, () -> {
                playKubelet(ns, "app=web", Integer.MAX_VALUE);
                return rolledOut(ns, "web");
            });
        } finally {
            sampler.stop();
        }
        assertThat(overlap.get()).as("old and new pods at once").isNull();
        assertThat(active(ns, "app=web")).hasSize(3).allMatch(p -> image(p).equals("nginx:1.26"));
    }

    // ---- pause

    @Test
    void aPausedDeploymentScalesButDoesNotRoll() {
        String ns = newNamespace();
        create(ns, "web", 2, "nginx:1.25", null, UnaryOperator.identity());
        completeRollout(ns, "web");

        patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"paused\":true}}");
        await("paused condition", TIMEOUT, () ->
            hasCondition(get(ns, "web").status(), DeploymentCondition.PROGRESSING, "Unknown", "DeploymentPaused"));
        setImage(ns, "web", "nginx:1.26");
        scale(ns, "web", 3);
        await("3 pods", TIMEOUT, () -> active(ns, "app=web").size() == 3);
        sleep(2000);
        assertThat(replicaSets(ns)).hasSize(1);
        assertThat(active(ns, "app=web")).hasSize(3).allMatch(p -> image(p).equals("nginx:1.25"));
        Deployment paused = get(ns, "web");
        assertThat(paused.status().observedGeneration()).isEqualTo(paused.metadata().generation());

        patch(ns, "web", PatchType.MERGE, "{\"spec\":{\"paused\":false}}");
        completeRollout(ns, "web");
        assertThat(active(ns, "app=web")).hasSize(3).allMatch(p -> image(p).equals("nginx:1.26"));
    }

    // ---- conditions

    @Test
    void aRolloutWithoutProgressExceedsItsDeadline() {
        String ns = newNamespace();
        create(ns, "stuck", 2, "nginx:1.25", null, spec -> spec.withProgressDeadlineSeconds(2));
        await("pods", TIMEOUT, () -> active(ns, "app=stuck").size() == 2);
        await("Available False", TIMEOUT, () -> hasCondition(get(ns, "stuck").status(),
            DeploymentCondition.AVAILABLE, "False", "MinimumReplicasUnavailable"));
        // No pod ever becomes ready, and nothing else changes: only the controller's own requeue can notice.
        await("ProgressDeadlineExceeded", TIMEOUT, () -> hasCondition(get(ns, "stuck").status(),
            DeploymentCondition.PROGRESSING, "False", "ProgressDeadlineExceeded"));
        DeploymentStatus status = get(ns, "stuck").status();
        assertThat(status.unavailableReplicas()).isEqualTo(2);
        assertThat(status.availableReplicas()).isZero();

        // Progress again afterwards: the rollout completes and the condition says so.
        completeRollout(ns, "stuck");
        await("NewReplicaSetAvailable", TIMEOUT, () -> hasCondition(get(ns, "stuck").status(),
            DeploymentCondition.PROGRESSING, "True", "NewReplicaSetAvailable"));
    }

    // ---- helpers

    private Deployment create(String ns, String name, int replicas, String image, DeploymentStrategy strategy,
                              UnaryOperator<DeploymentSpec> customize) {
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(Map.of("app", name)),
            PodSpec.of(List.of(Container.of("web", image))));
        DeploymentSpec spec = DeploymentSpec.of(replicas, LabelSelector.matching(Map.of("app", name)), template)
            .withStrategy(strategy);
        return client.create(Resources.DEPLOYMENTS, Deployment.of(ObjectMeta.of(ns, name), customize.apply(spec)))
            .block(TIMEOUT);
    }

    private Deployment get(String ns, String name) {
        return client.get(Resources.DEPLOYMENTS, ns, name).block(TIMEOUT);
    }

    private void scale(String ns, String name, int replicas) {
        patch(ns, name, PatchType.MERGE, "{\"spec\":{\"replicas\":" + replicas + "}}");
    }

    private void setImage(String ns, String name, String image) {
        patch(ns, name, PatchType.JSON,
            "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"" + image + "\"}]");
    }

    /**
     * A user's patch, retried on 409 as kubectl does: this API server answers a patch that races with another
     * write (here the controller's status updates) with a Conflict instead of retrying it itself.
     */
    private void patch(String ns, String name, PatchType type, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.patch(Resources.DEPLOYMENTS, ns, name, type, body).block(TIMEOUT);
                return;
            } catch (ApiException e) {
                if (!e.isConflict() || attempt == 10) {
                    throw e;
                }
                sleep(50);
            }
        }
    }

    private List<ReplicaSet> replicaSets(String ns) {
        return client.list(Resources.REPLICASETS, ns, ListOptions.NONE).block(TIMEOUT).items();
    }

    private static Optional<ReplicaSet> find(List<ReplicaSet> replicaSets, String name) {
        return replicaSets.stream().filter(rs -> rs.metadata().name().equals(name)).findFirst();
    }

    private List<Pod> active(String ns, String selector) {
        return pods(ns, selector).stream().filter(Pods::isActive).toList();
    }

    private List<Event> events(String ns) {
        return client.list(Resources.EVENTS, ns, ListOptions.NONE).block(TIMEOUT).items();
    }

    private static String image(Pod pod) {
        return pod.spec().containers().get(0).image();
    }

    private static String describe(List<Pod> pods) {
        return pods.stream().map(p -> p.metadata().name() + "(" + image(p) + (Pods.isReady(p) ? ",ready" : "")
            + (p.metadata().beingDeleted() ? ",terminating" : "") + ")").collect(Collectors.joining(" "));
    }

    private static boolean hasCondition(DeploymentStatus status, String type, String value, String reason) {
        return status != null && status.conditions() != null && status.conditions().stream()
            .anyMatch(c -> type.equals(c.type()) && value.equals(c.status()) && reason.equals(c.reason()));
    }

    /** What {@code kubectl rollout status} waits for. */
    private boolean rolledOut(String ns, String name) {
        Deployment d = get(ns, name);
        DeploymentStatus s = d.status();
        if (s == null || s.observedGeneration() == null || s.observedGeneration() < d.metadata().generation()) {
            return false;
        }
        int updated = s.updatedReplicas() == null ? 0 : s.updatedReplicas();
        int replicas = s.replicas() == null ? 0 : s.replicas();
        int available = s.availableReplicas() == null ? 0 : s.availableReplicas();
        return updated == d.spec().replicas() && replicas == updated && available >= updated;
    }

    private void completeRollout(String ns, String name) {
        await("rollout of " + name, ROLLOUT, () -> {
            playKubelet(ns, "app=" + name, Integer.MAX_VALUE);
            return rolledOut(ns, name);
        });
    }

    /**
     * One pass of a kubelet: pods being deleted are confirmed gone (as a kubelet does once their containers
     * stopped), then up to {@code toStart} pods that are not ready yet become ready.
     */
    private void playKubelet(String ns, String selector, int toStart) {
        int started = 0;
        for (Pod pod : pods(ns, selector)) {
            try {
                if (pod.metadata().beingDeleted()) {
                    client.delete(Resources.PODS, ns, pod.metadata().name(),
                        DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
                } else if (!Pods.isReady(pod) && started < toStart) {
                    markReady(pod, NODE);
                    started++;
                }
            } catch (ApiException e) {
                // Gone or changed meanwhile (e.g. deleted by its ReplicaSet): the next pass sees it as it is.
            }
        }
    }

    /** Runs a check every 20 ms on its own thread, as a watcher of the rollout. */
    private static final class Sampler {
        private final Runnable check;
        private final Thread thread;
        private final List<Throwable> failures = new ArrayList<>();
        private volatile boolean running = true;

        Sampler(Runnable check) {
            this.check = check;
            this.thread = new Thread(this::loop, "rollout-sampler");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5000);
            assertThat(failures).as("sampler failures").isEmpty();
        }

        private void loop() {
            while (running) {
                try {
                    check.run();
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
