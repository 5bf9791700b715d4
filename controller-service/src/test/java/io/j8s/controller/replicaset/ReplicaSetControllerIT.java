package io.j8s.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.controller.ControllerTestBase;
import io.j8s.controller.support.Pods;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ReplicaSet controller against the real API server; the test plays the kubelet. */
class ReplicaSetControllerIT extends ControllerTestBase {

    private ReplicaSet create(String ns, String name, int replicas, Integer minReadySeconds) {
        Map<String, String> labels = Map.of("app", name, "tier", "web");
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels),
            PodSpec.of(List.of(Container.of("web", "nginx:1.25"))));
        return client.create(Resources.REPLICASETS, ReplicaSet.of(ObjectMeta.of(ns, name),
            new ReplicaSetSpec(replicas, minReadySeconds, LabelSelector.matching(Map.of("app", name)), template, null)))
            .block(TIMEOUT);
    }

    private ReplicaSet get(String ns, String name) {
        return client.get(Resources.REPLICASETS, ns, name).block(TIMEOUT);
    }

    private List<Pod> active(String ns, String selector) {
        return pods(ns, selector).stream().filter(Pods::isActive).toList();
    }

    /**
     * A user's merge patch, retried on 409 as kubectl does: this API server answers a patch that races with
     * another write (here the controller's) with a Conflict instead of retrying it itself.
     */
    private <T extends KubeObject<T>> void patch(ResourceType<T> type, String ns, String name, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.patch(type, ns, name, PatchType.MERGE, body).block(TIMEOUT);
                return;
            } catch (ApiException e) {
                if (!e.isConflict() || attempt == 10) {
                    throw e;
                }
                sleep(50);
            }
        }
    }

    private List<Event> events(String ns, String reason) {
        return client.list(Resources.EVENTS, ns, ListOptions.NONE).block(TIMEOUT).items().stream()
            .filter(e -> reason.equals(e.reason())).toList();
    }

    @Test
    void createsOwnedPodsReportsStatusAndDeletesNotReadyPodsFirst() {
        String ns = newNamespace();
        ReplicaSet rs = create(ns, "front", 3, null);

        await("3 pods", TIMEOUT, () -> active(ns, "app=front").size() == 3);
        for (Pod pod : active(ns, "app=front")) {
            assertThat(pod.metadata().generateName()).isEqualTo("front-");
            assertThat(pod.metadata().labels()).containsEntry("tier", "web");
            OwnerReference ref = pod.metadata().controllerRef().orElseThrow();
            assertThat(ref.uid()).isEqualTo(rs.metadata().uid());
            assertThat(ref.kind()).isEqualTo("ReplicaSet");
            assertThat(ref.blockOwnerDeletion()).isTrue();
        }
        List<Pod> pods = active(ns, "app=front");
        markReady(pods.get(0), "node-1");
        markReady(pods.get(1), "node-1");
        await("status counts", TIMEOUT, () -> {
            ReplicaSet current = get(ns, "front");
            return current.status() != null && Integer.valueOf(3).equals(current.status().replicas())
                && Integer.valueOf(3).equals(current.status().fullyLabeledReplicas())
                && Integer.valueOf(2).equals(current.status().readyReplicas())
                && Integer.valueOf(2).equals(current.status().availableReplicas())
                && current.metadata().generation().equals(current.status().observedGeneration());
        });
        await("SuccessfulCreate events", TIMEOUT, () -> events(ns, "SuccessfulCreate").stream()
            .anyMatch(e -> e.message().startsWith("Created pod: front-") && "front".equals(e.involvedObject().name())));

        patch(Resources.REPLICASETS, ns, "front", "{\"spec\":{\"replicas\":2}}");
        await("2 pods", TIMEOUT, () -> active(ns, "app=front").size() == 2);
        // The one that was not ready went first.
        assertThat(active(ns, "app=front")).allMatch(Pods::isReady);
        await("SuccessfulDelete event", TIMEOUT, () -> !events(ns, "SuccessfulDelete").isEmpty());
        await("status after scale down", TIMEOUT, () -> {
            ReplicaSet current = get(ns, "front");
            return Integer.valueOf(2).equals(current.status().replicas())
                && current.metadata().generation().equals(current.status().observedGeneration());
        });
    }

    @Test
    void aPodBeingDeletedIsReplacedAtOnce() {
        String ns = newNamespace();
        create(ns, "graceful", 1, null);
        await("1 pod", TIMEOUT, () -> active(ns, "app=graceful").size() == 1);
        Pod pod = active(ns, "app=graceful").get(0);
        markReady(pod, "node-1");
        // Bound to a node, so the delete is graceful: the pod stays, terminating, until a kubelet confirms.
        client.delete(Resources.PODS, ns, pod.metadata().name(), null).block(TIMEOUT);
        await("a replacement while the old pod terminates", TIMEOUT, () -> {
            List<Pod> all = pods(ns, "app=graceful");
            return all.size() == 2 && all.stream().anyMatch(p -> p.metadata().beingDeleted())
                && active(ns, "app=graceful").size() == 1;
        });
        client.delete(Resources.PODS, ns, pod.metadata().name(), DeleteOptions.defaults().withGracePeriodSeconds(0L))
            .block(TIMEOUT);
        await("1 pod", TIMEOUT, () -> pods(ns, "app=graceful").size() == 1);
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStopMatching() {
        String ns = newNamespace();
        Pod orphan = client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "orphan")
                .withLabels(Map.of("app", "adopt", "tier", "web")),
            PodSpec.of(List.of(Container.of("web", "nginx:1.25"))))).block(TIMEOUT);
        ReplicaSet rs = create(ns, "adopt", 2, null);

        await("the orphan adopted", TIMEOUT, () -> client.get(Resources.PODS, ns, "orphan").block(TIMEOUT)
            .metadata().controllerRef().map(ref -> ref.uid().equals(rs.metadata().uid())).orElse(false));
        await("2 pods", TIMEOUT, () -> active(ns, "app=adopt").size() == 2);
        sleep(500);
        assertThat(active(ns, "app=adopt")).hasSize(2).anyMatch(p -> p.metadata().uid().equals(orphan.metadata().uid()));

        patch(Resources.PODS, ns, "orphan", "{\"metadata\":{\"labels\":{\"app\":\"elsewhere\"}}}");
        await("the pod released", TIMEOUT, () -> client.get(Resources.PODS, ns, "orphan").block(TIMEOUT)
            .metadata().ownerReferencesOrEmpty().isEmpty());
        await("a replacement", TIMEOUT, () -> active(ns, "app=adopt").size() == 2);
        assertThat(active(ns, "app=adopt")).noneMatch(p -> p.metadata().name().equals("orphan"));
    }

    @Test
    void podsBecomeAvailableAfterMinReadySeconds() {
        String ns = newNamespace();
        create(ns, "slow", 1, 2);
        await("1 pod", TIMEOUT, () -> active(ns, "app=slow").size() == 1);
        markReady(active(ns, "app=slow").get(0), "node-1");
        await("ready, not yet available", TIMEOUT, () -> {
            ReplicaSet current = get(ns, "slow");
            return Integer.valueOf(1).equals(current.status().readyReplicas());
        });
        assertThat(get(ns, "slow").status().availableReplicas()).isZero();
        // Nothing changes on the pod: only the controller's own requeue can notice the time passing.
        await("available", TIMEOUT, () -> Integer.valueOf(1).equals(get(ns, "slow").status().availableReplicas()));
    }
}
