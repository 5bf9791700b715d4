package io.j8s.controller.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.discovery.Endpoint;
import io.j8s.common.api.discovery.EndpointConditions;
import io.j8s.common.api.discovery.EndpointPort;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.controller.ControllerTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EndpointSlice controller against the real API server: slices follow the pods a Service selects. */
class EndpointSliceControllerIT extends ControllerTestBase {

    /** How fast a readiness change must show in the slices (as for Endpoints: within a second, with CI slack). */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @Test
    void slicesFollowTheSelectedPodsThroughReadinessAndTermination() {
        String ns = newNamespace();
        Service service = createService(ns, "web", Map.of("app", "web"));
        Pod pod = createPod(ns, "web-1", Map.of("app", "web"));
        createPod(ns, "other", Map.of("app", "other"));

        // No IP yet: one placeholder slice, the Service's, with no endpoints and no ports.
        await("a placeholder slice of web", TIMEOUT, () -> slicesOf(ns, "web").size() == 1);
        EndpointSlice placeholder = slicesOf(ns, "web").get(0);
        assertThat(placeholder.metadata().name()).startsWith("web-");
        assertThat(placeholder.addressType()).isEqualTo("IPv4");
        assertThat(placeholder.endpointsOrEmpty()).isEmpty();
        assertThat(placeholder.metadata().labels()).containsEntry("tier", "front")
            .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(placeholder.metadata().ownerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.kind()).isEqualTo("Service");
            assertThat(owner.uid()).isEqualTo(service.metadata().uid());
            assertThat(owner.controller()).isTrue();
        });

        markReady(pod, "node-a");
        await("web-1 ready in the slice", PROMPTLY, () -> endpoint(ns, "web", "web-1") != null
            && Boolean.TRUE.equals(endpoint(ns, "web", "web-1").conditions().ready()));
        EndpointSlice slice = slicesOf(ns, "web").get(0);
        assertThat(slice.metadata().name()).isEqualTo(placeholder.metadata().name()); // filled in place
        assertThat(slice.ports()).containsExactly(EndpointPort.of("web", 8080, "TCP"));
        Endpoint endpoint = slice.endpoints().get(0);
        assertThat(endpoint.addresses()).containsExactly("127.0.0.1");
        assertThat(endpoint.nodeName()).isEqualTo("node-a");
        assertThat(endpoint.targetRef().uid()).isEqualTo(pod.metadata().uid());

        client.patchStatus(Resources.PODS, ns, "web-1", PatchType.MERGE, """
            {"status":{"conditions":[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False"}]}}
            """).block(TIMEOUT);
        await("web-1 not ready", PROMPTLY, () ->
            EndpointConditions.of(false, false, false).equals(endpoint(ns, "web", "web-1").conditions()));

        // A change that moves no endpoint writes nothing.
        String version = slicesOf(ns, "web").get(0).metadata().resourceVersion();
        client.patch(Resources.PODS, ns, "web-1", PatchType.MERGE,
            "{\"metadata\":{\"annotations\":{\"touched\":\"yes\"}}}").block(TIMEOUT);
        sleep(1500);
        assertThat(slicesOf(ns, "web").get(0).metadata().resourceVersion()).isEqualTo(version);

        // Bound and deleted gracefully: the pod stays in the slice as terminating until it is gone.
        markReady(client.get(Resources.PODS, ns, "web-1").block(TIMEOUT), "node-a");
        client.delete(Resources.PODS, ns, "web-1", DeleteOptions.defaults()).block(TIMEOUT);
        await("web-1 terminating", PROMPTLY, () -> endpoint(ns, "web", "web-1") != null
            && EndpointConditions.of(false, true, true).equals(endpoint(ns, "web", "web-1").conditions()));
        client.delete(Resources.PODS, ns, "web-1", DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
        await("web-1 gone, the placeholder back", PROMPTLY, () -> slicesOf(ns, "web").size() == 1
            && slicesOf(ns, "web").get(0).endpointsOrEmpty().isEmpty());
    }

    @Test
    void podsOnHostPortsArePublishedOnTheirHostPorts() {
        String ns = newNamespace();
        createService(ns, "api", Map.of("app", "api"));
        Pod a = createPod(ns, "api-a", Map.of("app", "api"));
        Pod b = createPod(ns, "api-b", Map.of("app", "api"));
        for (Pod pod : List.of(a, b)) {
            String port = pod == a ? "41001" : "41002";
            client.patch(Resources.PODS, ns, pod.metadata().name(), PatchType.MERGE,
                "{\"metadata\":{\"annotations\":{\"" + HostPorts.ANNOTATION + "\":\"{\\\"8080/TCP\\\":" + port + "}\"}}}")
                .block(TIMEOUT);
            markReady(pod, "node-a");
        }
        await("one slice per host port", TIMEOUT, () -> slicesOf(ns, "api").size() == 2
            && slicesOf(ns, "api").stream().allMatch(s -> s.endpointsOrEmpty().size() == 1));
        assertThat(slicesOf(ns, "api")).extracting(s -> s.ports().get(0).port())
            .containsExactlyInAnyOrder(41001, 41002);
    }

    @Test
    void servicesWithoutSelectorGetNoSlicesAndOthersSlicesAreLeftAlone() {
        String ns = newNamespace();
        client.create(Resources.SERVICES, Service.of(ObjectMeta.of(ns, "external"),
            ServiceSpec.of(null, List.of(ServicePort.of("pg", 5432, IntOrString.of(5432)))))).block(TIMEOUT);
        EndpointSlice manual = client.create(Resources.ENDPOINT_SLICES, EndpointSlice.of(
            ObjectMeta.of(ns, "external-1").withLabels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, "external",
                EndpointSlice.LABEL_MANAGED_BY, "someone-else")),
            "IPv4", List.of(new Endpoint(List.of("10.1.2.3"), null, null, null, null, null, null)),
            List.of(EndpointPort.of("pg", 5432, "TCP")))).block(TIMEOUT);

        Service web = createService(ns, "web", Map.of("app", "web"));
        await("web's placeholder", TIMEOUT, () -> slicesOf(ns, "web").size() == 1);
        sleep(1000);
        assertThat(slicesOf(ns, "external")).isEmpty();
        assertThat(client.get(Resources.ENDPOINT_SLICES, ns, "external-1").block(TIMEOUT).metadata().resourceVersion())
            .isEqualTo(manual.metadata().resourceVersion());

        // Taking the selector away takes this controller's slices away.
        Service current = client.get(Resources.SERVICES, ns, "web").block(TIMEOUT);
        client.update(Resources.SERVICES, current.withSpec(current.spec().withSelector(null))).block(TIMEOUT);
        await("web's slices gone with its selector", TIMEOUT, () -> slicesOf(ns, "web").isEmpty());
        assertThat(web.metadata().uid()).isNotNull();
    }

    @Test
    void aDeletedSliceComesBackAndSlicesGoWithTheirService() {
        String ns = newNamespace();
        createService(ns, "gone", Map.of("app", "gone"));
        await("the placeholder of gone", TIMEOUT, () -> slicesOf(ns, "gone").size() == 1);
        String first = slicesOf(ns, "gone").get(0).metadata().name();

        client.delete(Resources.ENDPOINT_SLICES, ns, first, DeleteOptions.defaults()).block(TIMEOUT);
        await("a slice recreated", TIMEOUT, () -> slicesOf(ns, "gone").size() == 1
            && !slicesOf(ns, "gone").get(0).metadata().name().equals(first));

        client.delete(Resources.SERVICES, ns, "gone", DeleteOptions.defaults()).block(TIMEOUT);
        await("the slices deleted with their Service", TIMEOUT, () -> slicesOf(ns, "gone").isEmpty());
    }

    private Service createService(String ns, String name, Map<String, String> selector) {
        ObjectMeta meta = ObjectMeta.of(ns, name).withLabels(Map.of("tier", "front"));
        return client.create(Resources.SERVICES, Service.of(meta,
            ServiceSpec.of(selector, List.of(ServicePort.of("web", 80, IntOrString.of("http")))))).block(TIMEOUT);
    }

    private Pod createPod(String ns, String name, Map<String, String> labels) {
        Container container = Container.of("app", "nginx").withPorts(List.of(ContainerPort.of("http", 8080)));
        return client.create(Resources.PODS, Pod.of(ObjectMeta.of(ns, name).withLabels(labels),
            PodSpec.of(List.of(container)))).block(TIMEOUT);
    }

    private List<EndpointSlice> slicesOf(String ns, String service) {
        return client.list(Resources.ENDPOINT_SLICES, ns,
            ListOptions.labelSelector(EndpointSlice.LABEL_SERVICE_NAME + "=" + service + ","
                + EndpointSlice.LABEL_MANAGED_BY + "=" + SlicePlanner.CONTROLLER_NAME)).block(TIMEOUT).items();
    }

    private Endpoint endpoint(String ns, String service, String pod) {
        return slicesOf(ns, service).stream().flatMap(s -> s.endpointsOrEmpty().stream())
            .filter(e -> e.targetRef() != null && pod.equals(e.targetRef().name()))
            .findFirst().orElse(null);
    }
}
