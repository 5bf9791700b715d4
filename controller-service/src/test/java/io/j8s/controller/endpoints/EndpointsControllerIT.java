package io.j8s.controller.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointPort;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.PatchType;
import io.j8s.controller.ControllerTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The endpoints controller against the real API server: Endpoints follow the readiness of selected pods. */
class EndpointsControllerIT extends ControllerTestBase {

    /** How fast a readiness change must show in the Endpoints ("within a second", with slack for CI). */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @Test
    void endpointsFollowTheReadinessOfTheSelectedPods() {
        String ns = newNamespace();
        createService(ns, "web", Map.of("app", "web"), IntOrString.of("http"));
        Pod pod = createPod(ns, "web-1", Map.of("app", "web"));
        createPod(ns, "other", Map.of("app", "other"));

        // No IP yet: the Endpoints exist, with the Service's labels, but publish nothing.
        await("the Endpoints of web", TIMEOUT, () -> endpoints(ns, "web").isPresent());
        Endpoints empty = endpoints(ns, "web").orElseThrow();
        assertThat(empty.subsets() == null || empty.subsets().isEmpty()).isTrue();
        assertThat(empty.metadata().labels()).isEqualTo(Map.of("tier", "front"));

        Instant readyAt = Instant.now();
        markReady(pod, "node-a");
        await("web-1 published as ready", PROMPTLY, () -> readyPods(ns, "web").size() == 1);
        assertThat(Duration.between(readyAt, Instant.now())).isLessThan(PROMPTLY);
        EndpointSubset subset = endpoints(ns, "web").orElseThrow().subsets().get(0);
        EndpointAddress address = subset.addresses().get(0);
        assertThat(address.ip()).isEqualTo("127.0.0.1");
        assertThat(address.nodeName()).isEqualTo("node-a");
        assertThat(address.targetRef().kind()).isEqualTo("Pod");
        assertThat(address.targetRef().name()).isEqualTo("web-1");
        assertThat(address.targetRef().namespace()).isEqualTo(ns);
        assertThat(address.targetRef().uid()).isEqualTo(pod.metadata().uid());
        // The named targetPort is the container port called "http"; the port keeps the Service port's name.
        assertThat(subset.ports()).containsExactly(EndpointPort.of("web", 8080, "TCP"));
        assertThat(subset.notReadyAddresses()).isNull();

        client.patchStatus(Resources.PODS, ns, "web-1", PatchType.MERGE, """
            {"status":{"conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False"}]}}
            """).block(TIMEOUT);
        await("web-1 moved to notReadyAddresses", PROMPTLY, () -> {
            EndpointSubset s = endpoints(ns, "web").orElseThrow().subsets().get(0);
            return s.addresses() == null && s.notReadyAddresses() != null && s.notReadyAddresses().size() == 1;
        });

        // A change that moves no address writes nothing.
        String version = endpoints(ns, "web").orElseThrow().metadata().resourceVersion();
        client.patch(Resources.PODS, ns, "web-1", PatchType.MERGE,
            "{\"metadata\":{\"annotations\":{\"touched\":\"yes\"}}}").block(TIMEOUT);
        sleep(1500);
        assertThat(endpoints(ns, "web").orElseThrow().metadata().resourceVersion()).isEqualTo(version);
    }

    @Test
    void aNumericTargetPortIsUsedAsIsAndPodsBeingDeletedAreDropped() {
        String ns = newNamespace();
        createService(ns, "api", Map.of("app", "api"), IntOrString.of(9000));
        Pod first = createPod(ns, "api-1", Map.of("app", "api"));
        Pod second = createPod(ns, "api-2", Map.of("app", "api"));
        markReady(first, "node-a");
        markReady(second, "node-b");

        await("two ready addresses", TIMEOUT, () -> readyPods(ns, "api").size() == 2);
        assertThat(endpoints(ns, "api").orElseThrow().subsets().get(0).ports())
            .containsExactly(EndpointPort.of("web", 9000, "TCP"));

        // A bound pod is deleted gracefully: while it terminates it is no longer an endpoint.
        client.delete(Resources.PODS, ns, "api-2", DeleteOptions.defaults()).block(TIMEOUT);
        await("api-2 dropped", PROMPTLY, () -> readyPods(ns, "api").size() == 1);
        assertThat(endpoints(ns, "api").orElseThrow().subsets().get(0).addresses().get(0).targetRef().name())
            .isEqualTo("api-1");
    }

    @Test
    void aServiceWithoutSelectorKeepsTheEndpointsItsUserManages() {
        String ns = newNamespace();
        client.create(Resources.SERVICES, Service.of(ObjectMeta.of(ns, "external"),
            ServiceSpec.of(null, List.of(ServicePort.of("pg", 5432, IntOrString.of(5432)))))).block(TIMEOUT);
        EndpointSubset manual = EndpointSubset.of(List.of(EndpointAddress.of("10.1.2.3", null, null)), null,
            List.of(EndpointPort.of("pg", 5432, "TCP")));
        Endpoints created = client.create(Resources.ENDPOINTS, Endpoints.of(ObjectMeta.of(ns, "external"),
            List.of(manual))).block(TIMEOUT);

        sleep(2000);

        Endpoints now = endpoints(ns, "external").orElseThrow();
        assertThat(now.metadata().resourceVersion()).isEqualTo(created.metadata().resourceVersion());
        assertThat(now.subsets()).containsExactly(manual);
    }

    @Test
    void deletingTheServiceDeletesItsEndpointsAndDeletedEndpointsComeBack() {
        String ns = newNamespace();
        createService(ns, "gone", Map.of("app", "gone"), IntOrString.of(80));
        await("the Endpoints of gone", TIMEOUT, () -> endpoints(ns, "gone").isPresent());

        client.delete(Resources.ENDPOINTS, ns, "gone", DeleteOptions.defaults()).block(TIMEOUT);
        sleep(300);
        await("the Endpoints recreated", TIMEOUT, () -> endpoints(ns, "gone").isPresent());

        client.delete(Resources.SERVICES, ns, "gone", DeleteOptions.defaults()).block(TIMEOUT);
        await("the Endpoints deleted with their Service", TIMEOUT, () -> endpoints(ns, "gone").isEmpty());
    }

    private void createService(String ns, String name, Map<String, String> selector, IntOrString targetPort) {
        ObjectMeta meta = ObjectMeta.of(ns, name).withLabels(Map.of("tier", "front"));
        client.create(Resources.SERVICES, Service.of(meta,
            ServiceSpec.of(selector, List.of(ServicePort.of("web", 80, targetPort))))).block(TIMEOUT);
    }

    private Pod createPod(String ns, String name, Map<String, String> labels) {
        Container container = Container.of("app", "nginx").withPorts(List.of(ContainerPort.of("http", 8080)));
        return client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, name).withLabels(labels),
            PodSpec.of(List.of(container)))).block(TIMEOUT);
    }

    private Optional<Endpoints> endpoints(String ns, String name) {
        try {
            return Optional.ofNullable(client.get(Resources.ENDPOINTS, ns, name).block(TIMEOUT));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<String> readyPods(String ns, String name) {
        return endpoints(ns, name).map(e -> e.subsets() == null ? List.<String>of() : e.subsets().stream()
                .flatMap(s -> s.addresses() == null ? java.util.stream.Stream.<EndpointAddress>empty()
                    : s.addresses().stream())
                .map(a -> a.targetRef().name())
                .toList())
            .orElse(List.of());
    }
}
