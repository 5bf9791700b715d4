package io.j8s.controller.endpointslice;

import static io.j8s.controller.support.ServicePods.pod;
import static io.j8s.controller.support.ServicePods.service;
import static io.j8s.controller.support.ServicePods.withHostPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.discovery.Endpoint;
import io.j8s.common.api.discovery.EndpointConditions;
import io.j8s.common.api.discovery.EndpointPort;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.OwnerReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The EndpointSlice reconciler's decisions, without an API server: what slices a Service's pods call for. */
class SlicePlannerTest {

    private static final Function<String, String> NO_ZONES = node -> null;
    private static final Service WEB = service(List.of(ServicePort.of("http", 80, IntOrString.of("http"))));

    private final SlicePlanner planner = new SlicePlanner(SlicePlanner.DEFAULT_MAX_ENDPOINTS_PER_SLICE);
    /** The API server as the tests play it: the slices stored so far, by name. */
    private final Map<String, EndpointSlice> stored = new LinkedHashMap<>();
    private int created;

    @Test
    void readyAndNotReadyPodsShareOneSliceOwnedAndLabelledForTheService() {
        SlicePlan plan = planner.plan(WEB, List.of(pod("b", "10.0.0.2", false), pod("a", "10.0.0.1", true)),
            List.of(), NO_ZONES);

        assertThat(plan.toUpdate()).isEmpty();
        assertThat(plan.toDelete()).isEmpty();
        assertThat(plan.toCreate()).hasSize(1);
        EndpointSlice slice = plan.toCreate().get(0);
        assertThat(slice.metadata().generateName()).isEqualTo("web-");
        assertThat(slice.metadata().namespace()).isEqualTo("ns");
        assertThat(slice.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
            "kubernetes.io/service-name", "web", "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"));
        assertThat(slice.metadata().ownerReferences())
            .containsExactly(new OwnerReference("v1", "Service", "web", "uid-web", true, true, null));
        assertThat(slice.addressType()).isEqualTo("IPv4");
        assertThat(slice.ports()).containsExactly(EndpointPort.of("http", 8080, "TCP"));
        assertThat(slice.endpoints()).extracting(e -> e.targetRef().name()).containsExactly("a", "b");
        Endpoint a = slice.endpoints().get(0);
        assertThat(a.addresses()).containsExactly("10.0.0.1");
        assertThat(a.conditions()).isEqualTo(EndpointConditions.of(true, true, false));
        assertThat(a.nodeName()).isEqualTo("node-1");
        assertThat(a.targetRef().kind()).isEqualTo("Pod");
        assertThat(a.targetRef().uid()).isEqualTo("uid-a");
        assertThat(slice.endpoints().get(1).conditions()).isEqualTo(EndpointConditions.of(false, false, false));
    }

    @Test
    void aServiceWithoutEndpointsKeepsOnePlaceholderAndAnUnchangedServiceWritesNothing() {
        SlicePlan first = planner.plan(WEB, List.of(pod("a", null, false)), List.of(), NO_ZONES);
        assertThat(first.toCreate()).singleElement().satisfies(placeholder -> {
            assertThat(placeholder.endpoints()).isEmpty();
            assertThat(placeholder.ports()).isEmpty();
            assertThat(placeholder.addressType()).isEqualTo("IPv4");
        });
        store(first);
        assertThat(planner.plan(WEB, List.of(), slices(), NO_ZONES).isEmpty()).isTrue();

        // The first endpoint takes the placeholder's place rather than replacing it.
        String placeholder = slices().get(0).metadata().name();
        SlicePlan ready = planner.plan(WEB, List.of(pod("a", "10.0.0.1", true)), slices(), NO_ZONES);
        assertThat(ready.toCreate()).isEmpty();
        assertThat(ready.toDelete()).isEmpty();
        assertThat(ready.toUpdate()).singleElement().satisfies(slice -> {
            assertThat(slice.metadata().name()).isEqualTo(placeholder);
            assertThat(slice.endpoints()).hasSize(1);
            assertThat(slice.ports()).containsExactly(EndpointPort.of("http", 8080, "TCP"));
        });
        store(ready);
        assertThat(planner.plan(WEB, List.of(pod("a", "10.0.0.1", true)), slices(), NO_ZONES).isEmpty()).isTrue();
    }

    @Test
    void podsPublishedOnDifferentHostPortsGetSlicesOfTheirOwn() {
        Pod a = withHostPorts(pod("a", "127.0.0.1", true), "{\"8080/TCP\":41001}");
        Pod b = withHostPorts(pod("b", "127.0.0.1", true), "{\"8080/TCP\":41002}");

        SlicePlan plan = planner.plan(WEB, List.of(a, b), List.of(), NO_ZONES);

        assertThat(plan.toCreate()).hasSize(2);
        assertThat(plan.toCreate()).extracting(s -> s.ports().get(0).port()).containsExactlyInAnyOrder(41001, 41002);
        assertThat(plan.toCreate()).allSatisfy(s -> assertThat(s.endpoints()).singleElement()
            .satisfies(e -> assertThat(e.addresses()).containsExactly("127.0.0.1")));
    }

    @Test
    void aSliceHoldsAtMostAHundredEndpointsAndAPodComingOrGoingRewritesOneSlice() {
        List<Pod> pods = new ArrayList<>(IntStream.range(0, 150)
            .mapToObj(i -> pod("p%03d".formatted(i), "10.0.%d.%d".formatted(i / 200, i % 200 + 1), true)).toList());
        SlicePlan plan = planner.plan(WEB, pods, List.of(), NO_ZONES);
        assertThat(plan.toCreate()).extracting(s -> s.endpoints().size()).containsExactly(100, 50);
        store(plan);

        pods.remove(0);
        pods.add(pod("q000", "10.0.1.1", true));
        SlicePlan churn = planner.plan(WEB, pods, slices(), NO_ZONES);
        assertThat(churn.toCreate()).isEmpty();
        assertThat(churn.toDelete()).isEmpty();
        assertThat(churn.toUpdate()).singleElement().satisfies(slice -> {
            assertThat(slice.endpoints()).hasSize(100);
            assertThat(slice.endpoints()).extracting(e -> e.targetRef().name()).contains("q000").doesNotContain("p000");
        });
    }

    @Test
    void terminatingPodsStayServingButNotReadyUnlessNotReadyAddressesArePublished() {
        Pod pod = pod("a", "10.0.0.1", true);
        Pod terminating = pod.withMetadata(pod.metadata().withDeletionTimestamp("2026-01-01T00:00:00Z"));

        Endpoint endpoint = planner.plan(WEB, List.of(terminating), List.of(), NO_ZONES).toCreate().get(0)
            .endpoints().get(0);
        assertThat(endpoint.conditions()).isEqualTo(EndpointConditions.of(false, true, true));

        Service publishing = WEB.withSpec(new ServiceSpec(null, WEB.spec().selector(), WEB.spec().ports(), null, null,
            null, null, Map.of("publishNotReadyAddresses", true)));
        Endpoint published = planner.plan(publishing, List.of(terminating), List.of(), NO_ZONES).toCreate().get(0)
            .endpoints().get(0);
        assertThat(published.conditions()).isEqualTo(EndpointConditions.of(true, true, true));
    }

    @Test
    void labelsFollowTheServiceAndHeadlessServicesAreMarked() {
        Service labelled = WEB.withMetadata(WEB.metadata().withLabels(Map.of("tier", "front",
            "kubernetes.io/service-name", "spoofed")));
        store(planner.plan(labelled, List.of(pod("a", "10.0.0.1", true)), List.of(), NO_ZONES));
        assertThat(slices().get(0).metadata().labels()).containsEntry("tier", "front")
            .containsEntry("kubernetes.io/service-name", "web");

        Service headless = labelled.withSpec(new ServiceSpec(null, WEB.spec().selector(), WEB.spec().ports(), "None",
            null, null, null, null));
        SlicePlan relabel = planner.plan(headless, List.of(pod("a", "10.0.0.1", true)), slices(), NO_ZONES);
        assertThat(relabel.toUpdate()).singleElement().satisfies(slice -> {
            assertThat(slice.metadata().labels()).containsEntry("service.kubernetes.io/headless", "");
            assertThat(slice.endpoints()).isEqualTo(slices().get(0).endpoints());
        });
    }

    @Test
    void slicesOfAnEarlierServiceOfTheSameNameAndOfAnotherFamilyGo() {
        store(planner.plan(WEB, List.of(pod("a", "10.0.0.1", true)), List.of(), NO_ZONES));
        EndpointSlice old = slices().get(0);

        Service recreated = WEB.withMetadata(WEB.metadata().withUid("uid-web-2"));
        SlicePlan plan = planner.plan(recreated, List.of(pod("a", "10.0.0.1", true)), slices(), NO_ZONES);
        assertThat(plan.toDelete()).containsExactly(old);
        assertThat(plan.toCreate()).singleElement().satisfies(slice ->
            assertThat(slice.metadata().ownerReferences().get(0).uid()).isEqualTo("uid-web-2"));

        Service v6 = WEB.withSpec(new ServiceSpec(null, WEB.spec().selector(), WEB.spec().ports(), null, null, null,
            null, Map.of("ipFamilies", List.of("IPv6"))));
        SlicePlan v6Plan = planner.plan(v6, List.of(pod("a", "10.0.0.1", true)), slices(), NO_ZONES);
        assertThat(v6Plan.toDelete()).containsExactly(old);
        assertThat(v6Plan.toCreate()).singleElement().satisfies(slice -> {
            assertThat(slice.addressType()).isEqualTo("IPv6");
            assertThat(slice.endpoints()).isEmpty(); // the pod has no IPv6 address: a placeholder
        });
    }

    @Test
    void endpointsCarryTheZoneOfTheirNodeAndTheHostnameTheyAskFor() {
        Pod pod = pod("a", "10.0.0.1", true);
        Pod named = pod.withSpec(new PodSpec(pod.spec().containers(), null, "node-1", null, null, null, null, null, null,
            null, null, null, null, null, null, Map.of("hostname", "a-0", "subdomain", "web")));
        Endpoint endpoint = planner.plan(WEB, List.of(named), List.of(),
            node -> node.equals("node-1") ? "zone-a" : null).toCreate().get(0).endpoints().get(0);
        assertThat(endpoint.zone()).isEqualTo("zone-a");
        assertThat(endpoint.hostname()).isEqualTo("a-0");
    }

    private List<EndpointSlice> slices() {
        return List.copyOf(stored.values());
    }

    /** Applies a plan as the API server would: names new slices, replaces updated ones, forgets deleted ones. */
    private void store(SlicePlan plan) {
        plan.toDelete().forEach(slice -> stored.remove(slice.metadata().name()));
        plan.toUpdate().forEach(slice -> stored.put(slice.metadata().name(), slice));
        for (EndpointSlice slice : plan.toCreate()) {
            String name = slice.metadata().generateName() + "x" + (++created);
            stored.put(name, slice.withMetadata(slice.metadata().withName(name).withUid("uid-" + name)));
        }
    }
}
