package io.j8s.controller.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiException;
import io.j8s.controller.ControllerTestBase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cascading deletion in the three propagation modes. The owner is a ReplicaSet of 0 replicas and its
 * dependents do not match its selector (their references are not controller references), so the ReplicaSet
 * controller leaves them alone and only the garbage collector acts on them.
 */
class GarbageCollectorIT extends ControllerTestBase {

    @Test
    void backgroundDeletionOfAnOwnerDeletesItsDependentsButNotThoseWithAnotherOwner() {
        String ns = newNamespace();
        ReplicaSet owner = createReplicaSet(ns, "web");
        Service keeper = client.create(Resources.SERVICES, Service.of(ObjectMeta.of(ns, "keeper"),
            ServiceSpec.of(null, List.of(ServicePort.of("http", 80, IntOrString.of(80)))))).block(TIMEOUT);
        createPod(ns, "dep-1", List.of(ownedBy(owner, true)));
        createPod(ns, "dep-2", List.of(ownedBy(owner, false)));
        createPod(ns, "shared", List.of(ownedBy(owner, true), ownedBy(keeper, false)));

        client.delete(Resources.REPLICASETS, ns, "web", DeleteOptions.propagation(DeleteOptions.BACKGROUND))
            .block(TIMEOUT);

        await("the dependents deleted", TIMEOUT, () -> get(Resources.PODS, ns, "dep-1").isEmpty()
            && get(Resources.PODS, ns, "dep-2").isEmpty());
        await("the dangling reference removed", TIMEOUT, () -> get(Resources.PODS, ns, "shared").orElseThrow()
            .metadata().ownerReferencesOrEmpty().size() == 1);
        assertThat(get(Resources.PODS, ns, "shared").orElseThrow().metadata().ownerReferences())
            .extracting(OwnerReference::uid).containsExactly(keeper.metadata().uid());
    }

    @Test
    void anObjectWhoseOwnerNeverExistedIsDeleted() {
        String ns = newNamespace();
        OwnerReference ghost = new OwnerReference("apps/v1", "ReplicaSet", "ghost", UUID.randomUUID().toString(),
            true, true, null);
        createPod(ns, "orphan-at-birth", List.of(ghost));

        await("the pod with a dead owner deleted", TIMEOUT, () -> get(Resources.PODS, ns, "orphan-at-birth").isEmpty());
    }

    @Test
    void anOwnerOfTheSameNameButAnotherUidDoesNotCount() {
        String ns = newNamespace();
        ReplicaSet first = createReplicaSet(ns, "reborn");
        client.delete(Resources.REPLICASETS, ns, "reborn", DeleteOptions.defaults()).block(TIMEOUT);
        createReplicaSet(ns, "reborn");
        createPod(ns, "stale-ref", List.of(ownedBy(first, false)));

        await("the pod of the previous incarnation deleted", TIMEOUT,
            () -> get(Resources.PODS, ns, "stale-ref").isEmpty());
        assertThat(get(Resources.REPLICASETS, ns, "reborn")).isPresent();
    }

    @Test
    void foregroundDeletionDeletesTheDependentsFirstAndKeepsTheOwnerUntilBlockingOnesAreGone() {
        String ns = newNamespace();
        ReplicaSet owner = createReplicaSet(ns, "fg");
        createPod(ns, "quick", List.of(ownedBy(owner, true)));
        createPod(ns, "non-blocking", List.of(ownedBy(owner, false)));
        // Bound: deleted gracefully, it stays (terminating) until its kubelet confirms.
        createPod(ns, "slow", List.of(ownedBy(owner, true)));
        client.bind(ns, "slow", "gc-node").block(TIMEOUT);
        // A grandchild: the Service owns Endpoints, so it is deleted in the foreground too.
        Service service = client.create(Resources.SERVICES, Service.of(
            ObjectMeta.of(ns, "svc").withOwnerReferences(List.of(ownedBy(owner, true))),
            ServiceSpec.of(null, List.of(ServicePort.of("http", 80, IntOrString.of(80)))))).block(TIMEOUT);
        client.create(Resources.ENDPOINTS, Endpoints.of(
            ObjectMeta.of(ns, "svc").withOwnerReferences(List.of(ownedBy(service, true))),
            List.of(EndpointSubset.of(List.of(EndpointAddress.of("10.0.0.1", null, null)), null, null))))
            .block(TIMEOUT);

        client.delete(Resources.REPLICASETS, ns, "fg", DeleteOptions.propagation(DeleteOptions.FOREGROUND))
            .block(TIMEOUT);

        ReplicaSet deleting = get(Resources.REPLICASETS, ns, "fg").orElseThrow();
        assertThat(deleting.metadata().deletionTimestamp()).isNotNull();
        assertThat(deleting.metadata().finalizers()).contains("foregroundDeletion");
        await("the dependents deleted", TIMEOUT, () -> get(Resources.PODS, ns, "quick").isEmpty()
            && get(Resources.PODS, ns, "non-blocking").isEmpty()
            && get(Resources.SERVICES, ns, "svc").isEmpty()
            && get(Resources.ENDPOINTS, ns, "svc").isEmpty()
            && get(Resources.PODS, ns, "slow").map(p -> p.metadata().beingDeleted()).orElse(false));
        sleep(1500);
        assertThat(get(Resources.REPLICASETS, ns, "fg")).as("kept while a blocking dependent remains").isPresent();

        // The kubelet confirms the pod is gone.
        client.delete(Resources.PODS, ns, "slow", DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
        await("the owner deleted last", TIMEOUT, () -> get(Resources.REPLICASETS, ns, "fg").isEmpty());
    }

    @Test
    void orphanDeletionDeletesTheOwnerAndKeepsItsDependentsWithoutTheReference() {
        String ns = newNamespace();
        ReplicaSet owner = createReplicaSet(ns, "orphaner");
        Service other = client.create(Resources.SERVICES, Service.of(ObjectMeta.of(ns, "other"),
            ServiceSpec.of(null, List.of(ServicePort.of("http", 80, IntOrString.of(80)))))).block(TIMEOUT);
        createPod(ns, "kept-1", List.of(ownedBy(owner, true)));
        createPod(ns, "kept-2", List.of(ownedBy(owner, true), ownedBy(other, false)));

        client.delete(Resources.REPLICASETS, ns, "orphaner", DeleteOptions.propagation(DeleteOptions.ORPHAN))
            .block(TIMEOUT);

        await("the owner deleted", TIMEOUT, () -> get(Resources.REPLICASETS, ns, "orphaner").isEmpty());
        assertThat(get(Resources.PODS, ns, "kept-1").orElseThrow().metadata().ownerReferences()).isNull();
        assertThat(get(Resources.PODS, ns, "kept-2").orElseThrow().metadata().ownerReferences())
            .extracting(OwnerReference::uid).containsExactly(other.metadata().uid());
        sleep(1500);
        assertThat(get(Resources.PODS, ns, "kept-1")).as("orphans are not collected").isPresent();
    }

    private ReplicaSet createReplicaSet(String ns, String name) {
        Map<String, String> labels = Map.of("app", "gc-" + name);
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels),
            PodSpec.of(List.of(Container.of("app", "nginx"))));
        return client.create(Resources.REPLICASETS, ReplicaSet.of(ObjectMeta.of(ns, name),
            ReplicaSetSpec.of(0, LabelSelector.matching(labels), template))).block(TIMEOUT);
    }

    private void createPod(String ns, String name, List<OwnerReference> owners) {
        ObjectMeta meta = ObjectMeta.of(ns, name).withLabels(Map.of("role", "dependent")).withOwnerReferences(owners);
        client.create(Resources.PODS, Pod.of(meta, PodSpec.of(List.of(Container.of("app", "nginx"))))).block(TIMEOUT);
    }

    private static OwnerReference ownedBy(KubeObject<?> owner, boolean blockOwnerDeletion) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(),
            false, blockOwnerDeletion, null);
    }

    private <T extends KubeObject<T>> Optional<T> get(io.j8s.common.api.ResourceType<T> type, String ns, String name) {
        try {
            return Optional.ofNullable(client.get(type, ns, name).block(TIMEOUT));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
