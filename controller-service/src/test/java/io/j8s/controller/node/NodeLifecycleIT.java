package io.j8s.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.coordination.LeaseSpec;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.controller.ControllerTestBase;
import io.j8s.controller.manager.ControllerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node that stops renewing its Lease (the test plays its kubelet): after the grace period (6 s here) it is
 * Ready=Unknown and tainted unreachable, its pods are not ready at once and deleted after their toleration
 * (4 s by default here), so their ReplicaSet recreates them; renewing the Lease again removes the taint.
 */
class NodeLifecycleIT extends ControllerTestBase {

    private static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private final ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
    private final String nodeName = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledFuture<?> heartbeat;
    @Autowired
    private List<ControllerFactory> controllers;

    @AfterEach
    void removeNode() {
        kubelet.shutdownNow();
        client.delete(Resources.NODES, null, nodeName, DeleteOptions.defaults()).onErrorComplete().block(TIMEOUT);
        client.delete(Resources.LEASES, "kube-node-lease", nodeName, DeleteOptions.defaults()).onErrorComplete()
            .block(TIMEOUT);
    }

    @Test
    void aSilentNodesPodsAreMarkedNotReadyAndEvictedAndTheTaintGoesWhenTheLeaseIsRenewedAgain() {
        String ns = newNamespace();
        registerNode();
        startHeartbeat();
        List<Pod> workload = workloadPods(ns);
        workload.forEach(pod -> markReady(pod, nodeName));
        Pod tolerant = createTolerantPod(ns);
        markReady(tolerant, nodeName);

        // While the Lease is renewed the node stays untainted.
        sleep(3000);
        assertThat(taints()).isEmpty();
        assertThat(readyCondition().status()).isEqualTo("True");

        heartbeat.cancel(false);
        Instant silentSince = Instant.now();
        await("the node Ready=Unknown and tainted unreachable:NoExecute", TIMEOUT,
            () -> taints().contains(UNREACHABLE + ":NoExecute"));
        assertThat(Duration.between(silentSince, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        NodeCondition ready = readyCondition();
        assertThat(ready.status()).isEqualTo("Unknown");
        assertThat(ready.reason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready.message()).isEqualTo("Kubelet stopped posting node status.");
        Taint taint = node().spec().taints().stream().filter(t -> t.key().equals(UNREACHABLE)
            && t.effect().equals(Taint.NO_EXECUTE)).findFirst().orElseThrow();
        assertThat(taint.timeAdded()).isNotNull();
        // every pod on the node, the tolerant one too (they are marked one by one)
        await("its pods not ready", Duration.ofSeconds(5),
            () -> workload.stream().allMatch(this::notReady) && notReady(tolerant));

        // Deleted after the default toleration (4 s here); the pod tolerating the taint for longer stays.
        Set<String> evicted = workload.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
        await("the workload's pods deleted", TIMEOUT, () -> workload.stream().allMatch(this::deletedOrGone));
        assertThat(deletedOrGone(tolerant)).isFalse();
        for (String name : evicted) {
            assertThat(events(ns, name)).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("TaintManagerEviction");
                assertThat(e.message()).isEqualTo("Marking for deletion Pod " + ns + "/" + name);
            });
        }
        assertThat(events("default", nodeName)).anySatisfy(e -> {
            assertThat(e.reason()).isEqualTo("NodeNotReady");
            assertThat(e.message()).isEqualTo("Node " + nodeName + " status is now: NodeNotReady");
        });
        if (replicaSetControllerRuns()) {
            // The ReplicaSet replaces them (elsewhere: its new pods are not on the silent node).
            await("the ReplicaSet recreated its pods", TIMEOUT, () -> pods(ns, "app=evicted").stream()
                .filter(p -> !p.metadata().beingDeleted() && !evicted.contains(p.metadata().name())).count() == 2);
        }

        startHeartbeat();
        await("the unreachable taints removed", Duration.ofSeconds(5), () -> taints().isEmpty());
        assertThat(deletedOrGone(tolerant)).isFalse();
    }

    private void registerNode() {
        client.create(Resources.NODES, Node.of(ObjectMeta.named(nodeName), NodeSpec.empty())).block(TIMEOUT);
        String now = Times.now();
        client.patchStatus(Resources.NODES, null, nodeName, PatchType.MERGE, """
            {"status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},
             "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                            "message":"kubelet is posting ready status","lastHeartbeatTime":"%s",
                            "lastTransitionTime":"%s"}]}}
            """.formatted(now, now)).block(TIMEOUT);
        client.create(Resources.LEASES, Lease.of(ObjectMeta.of("kube-node-lease", nodeName),
            LeaseSpec.of(nodeName, 40, Times.nowMicro(), Times.nowMicro()))).block(TIMEOUT);
    }

    /** Renews the node's Lease every second, as a kubelet does every few seconds. */
    private void startHeartbeat() {
        heartbeat = kubelet.scheduleAtFixedRate(() -> client.patch(Resources.LEASES, "kube-node-lease", nodeName,
                PatchType.MERGE, "{\"spec\":{\"renewTime\":\"" + Times.nowMicro() + "\"}}").block(TIMEOUT),
            0, 1, TimeUnit.SECONDS);
    }

    /**
     * Two pods of a ReplicaSet, made by the ReplicaSet controller; without that controller in this build, two
     * bare pods (and the test checks their eviction only).
     */
    private List<Pod> workloadPods(String ns) {
        Map<String, String> labels = Map.of("app", "evicted");
        PodSpec spec = PodSpec.of(List.of(Container.of("app", "nginx")));
        if (!replicaSetControllerRuns()) {
            for (int i = 0; i < 2; i++) {
                client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "evicted-" + i).withLabels(labels), spec))
                    .block(TIMEOUT);
            }
            return pods(ns, "app=evicted");
        }
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels), spec);
        client.create(Resources.REPLICASETS, ReplicaSet.of(ObjectMeta.of(ns, "evicted"),
            ReplicaSetSpec.of(2, LabelSelector.matching(labels), template))).block(TIMEOUT);
        await("the ReplicaSet's two pods", TIMEOUT, () -> pods(ns, "app=evicted").size() == 2);
        return pods(ns, "app=evicted");
    }

    private boolean replicaSetControllerRuns() {
        return controllers.stream().anyMatch(c -> c.name().equals("replicaset-controller"));
    }

    /** Tolerates the unreachable taint for 10 minutes: outlives the eviction of the others. */
    private Pod createTolerantPod(String ns) {
        Toleration toleration = new Toleration(UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, 600L, null);
        PodSpec spec = PodSpec.of(List.of(Container.of("app", "nginx"))).withTolerations(List.of(toleration));
        return client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "tolerant"), spec)).block(TIMEOUT);
    }

    private Node node() {
        return client.get(Resources.NODES, null, nodeName).block(TIMEOUT);
    }

    private NodeCondition readyCondition() {
        return node().status().conditions().stream().filter(c -> c.type().equals("Ready")).findFirst().orElseThrow();
    }

    private List<String> taints() {
        List<Taint> taints = node().spec() == null ? null : node().spec().taints();
        return taints == null ? List.of() : taints.stream().map(t -> t.key() + ":" + t.effect()).toList();
    }

    private boolean notReady(Pod pod) {
        Pod current = client.get(Resources.PODS, pod.metadata().namespace(), pod.metadata().name()).block(TIMEOUT);
        return current.status().conditions().stream()
            .anyMatch(c -> c.type().equals(PodCondition.READY) && c.status().equals("False"));
    }

    private boolean deletedOrGone(Pod pod) {
        return client.get(Resources.PODS, pod.metadata().namespace(), pod.metadata().name())
            .map(p -> p.metadata().beingDeleted() || !p.metadata().uid().equals(pod.metadata().uid()))
            .onErrorReturn(true)
            .blockOptional(TIMEOUT).orElse(true);
    }

    private List<Event> events(String ns, String involvedName) {
        return client.list(Resources.EVENTS, ns, ListOptions.fieldSelector("involvedObject.name=" + involvedName))
            .block(TIMEOUT).items();
    }
}
