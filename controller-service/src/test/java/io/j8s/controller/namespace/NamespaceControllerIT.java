package io.j8s.controller.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentSpec;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.coordination.LeaseSpec;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.ObjectReference;
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
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.controller.ControllerTestBase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deleting a namespace empties it of every namespaced kind, then the namespace itself goes. */
class NamespaceControllerIT extends ControllerTestBase {

    private static final List<ResourceType<?>> NAMESPACED = Resources.all().stream().filter(ResourceType::namespaced)
        .toList();

    @Test
    void deletingANamespaceDeletesEverythingInItAndThenTheNamespace() {
        String ns = newNamespace();
        Map<String, String> labels = Map.of("app", "web");
        PodSpec podSpec = PodSpec.of(List.of(Container.of("app", "nginx")));
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels), podSpec);
        Pod loose = client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "loose"), podSpec)).block(TIMEOUT);
        Pod bound = client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "bound").withLabels(labels), podSpec))
            .block(TIMEOUT);
        markReady(bound, "ns-node");
        client.create(Resources.SERVICES, Service.of(ObjectMeta.of(ns, "web"),
            ServiceSpec.of(labels, List.of(ServicePort.of("http", 80, IntOrString.of(80)))))).block(TIMEOUT);
        client.create(Resources.REPLICASETS, ReplicaSet.of(ObjectMeta.of(ns, "web-rs"),
            ReplicaSetSpec.of(0, LabelSelector.matching(Map.of("app", "rs")), withLabels(template, "rs"))))
            .block(TIMEOUT);
        client.create(Resources.DEPLOYMENTS, Deployment.of(ObjectMeta.of(ns, "web-deploy"),
            DeploymentSpec.of(0, LabelSelector.matching(Map.of("app", "deploy")), withLabels(template, "deploy"))))
            .block(TIMEOUT);
        client.create(Resources.LEASES, Lease.of(ObjectMeta.of(ns, "lock"),
            LeaseSpec.of("me", 15, Times.nowMicro(), Times.nowMicro()))).block(TIMEOUT);
        client.create(Resources.EVENTS, Event.of(ObjectMeta.of(ns, "loose.1"), ObjectReference.to(loose),
            Event.NORMAL, "Tested", "an event in the namespace", "test", Times.now())).block(TIMEOUT);
        await("the Endpoints of web", TIMEOUT, () -> count(Resources.ENDPOINTS, ns) == 1);

        client.delete(Resources.NAMESPACES, null, ns, DeleteOptions.defaults()).block(TIMEOUT);

        // Everything goes but the bound pod, which waits for its kubelet.
        await("everything but the terminating pod deleted", TIMEOUT, () -> NAMESPACED.stream()
            .filter(t -> t != Resources.PODS).allMatch(t -> count(t, ns) == 0)
            && count(Resources.PODS, ns) == 1);
        Pod terminating = client.get(Resources.PODS, ns, "bound").block(TIMEOUT);
        assertThat(terminating.metadata().deletionTimestamp()).isNotNull();
        Namespace namespace = namespace(ns).orElseThrow();
        assertThat(namespace.status().phase()).isEqualTo("Terminating");
        await("the remaining pod reported", TIMEOUT, () -> conditionMessage(ns, "NamespaceContentRemaining")
            .equals("Some resources are remaining: pods. has 1 resource instances"));

        // The kubelet confirms the pod stopped.
        client.delete(Resources.PODS, ns, "bound", DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
        await("the namespace deleted", TIMEOUT, () -> namespace(ns).isEmpty());
    }

    @Test
    void anEmptyNamespaceGoesAtOnce() {
        String ns = newNamespace();

        client.delete(Resources.NAMESPACES, null, ns, DeleteOptions.defaults()).block(TIMEOUT);

        await("the namespace deleted", java.time.Duration.ofSeconds(5), () -> namespace(ns).isEmpty());
    }

    @Test
    void nothingCanBeCreatedInATerminatingNamespace() {
        String ns = newNamespace();
        Pod pod = client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "bound"),
            PodSpec.of(List.of(Container.of("app", "nginx"))))).block(TIMEOUT);
        markReady(pod, "ns-node");
        client.delete(Resources.NAMESPACES, null, ns, DeleteOptions.defaults()).block(TIMEOUT);

        await("the pod terminating", TIMEOUT, () -> client.get(Resources.PODS, ns, "bound").block(TIMEOUT)
            .metadata().beingDeleted());
        ApiException refused = null;
        try {
            client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, "late"),
                PodSpec.of(List.of(Container.of("app", "nginx"))))).block(TIMEOUT);
        } catch (ApiException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(403);

        client.delete(Resources.PODS, ns, "bound", DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
        await("the namespace deleted", TIMEOUT, () -> namespace(ns).isEmpty());
    }

    private static PodTemplateSpec withLabels(PodTemplateSpec template, String app) {
        return PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(Map.of("app", app)), template.spec());
    }

    private <T extends KubeObject<T>> int count(ResourceType<T> type, String ns) {
        return client.list(type, ns, ListOptions.NONE).block(TIMEOUT).items().size();
    }

    private Optional<Namespace> namespace(String name) {
        try {
            return Optional.ofNullable(client.get(Resources.NAMESPACES, null, name).block(TIMEOUT));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private String conditionMessage(String ns, String type) {
        Object conditions = namespace(ns).orElseThrow().status().extra().get("conditions");
        if (!(conditions instanceof List<?> list)) {
            return "";
        }
        return list.stream().map(c -> (Map<String, Object>) c).filter(c -> type.equals(c.get("type")))
            .map(c -> String.valueOf(c.get("message"))).findFirst().orElse("");
    }
}
