package io.j8s.controller.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointPort;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSubsetsTest {

    private static final Map<String, String> APP = Map.of("app", "web");

    @Test
    void readyPodsAreAddressesAndTheOthersNotReadyAddressesOfOneSubset() {
        Service service = service(List.of(ServicePort.of("http", 80, IntOrString.of(8080))));
        Pod ready = pod("a", "10.0.0.2", true);
        Pod notReady = pod("b", "10.0.0.1", false);

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(ready, notReady));

        assertThat(subsets).hasSize(1);
        EndpointSubset subset = subsets.get(0);
        assertThat(subset.addresses()).extracting(EndpointAddress::ip).containsExactly("10.0.0.2");
        assertThat(subset.notReadyAddresses()).extracting(EndpointAddress::ip).containsExactly("10.0.0.1");
        assertThat(subset.ports()).containsExactly(EndpointPort.of("http", 8080, "TCP"));
        EndpointAddress address = subset.addresses().get(0);
        assertThat(address.nodeName()).isEqualTo("node-1");
        assertThat(address.targetRef().kind()).isEqualTo("Pod");
        assertThat(address.targetRef().namespace()).isEqualTo("ns");
        assertThat(address.targetRef().name()).isEqualTo("a");
        assertThat(address.targetRef().uid()).isEqualTo("uid-a");
    }

    @Test
    void aNamedTargetPortIsTheContainerPortOfThatNameAndProtocol() {
        Service service = service(List.of(ServicePort.of("web", 80, IntOrString.of("http"))));
        Pod pod = pod("a", "10.0.0.1", true);

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(pod));

        assertThat(subsets.get(0).ports()).containsExactly(EndpointPort.of("web", 8080, "TCP"));
        ServicePort udp = new ServicePort("dns", "UDP", 53, IntOrString.of("http"), null, null);
        assertThat(EndpointSubsets.findPort(pod, udp)).isEmpty();
    }

    @Test
    void aPodWithoutThePortNamedByAServicePortIsLeftOutOfThatPortOnly() {
        Service service = service(List.of(ServicePort.of("web", 80, IntOrString.of("http")),
            ServicePort.of("admin", 9000, IntOrString.of("admin"))));
        Pod pod = pod("a", "10.0.0.1", true);

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(pod));

        assertThat(subsets).hasSize(1);
        assertThat(subsets.get(0).ports()).extracting(EndpointPort::name).containsExactly("web");
    }

    @Test
    void podsWithoutAnIpBeingDeletedOrFinishedAreNotPublished() {
        Service service = service(List.of(ServicePort.of("http", 80, IntOrString.of(8080))));
        Pod noIp = pod("a", null, false);
        Pod deleting = pod("b", "10.0.0.2", true);
        deleting = deleting.withMetadata(deleting.metadata().withDeletionTimestamp("2024-01-01T00:00:00Z"));
        Pod succeeded = pod("c", "10.0.0.3", false);
        succeeded = succeeded.withStatus(succeeded.status().withPhase(PodStatus.SUCCEEDED));

        assertThat(EndpointSubsets.forService(service, List.of(noIp, deleting, succeeded))).isEmpty();
    }

    @Test
    void publishNotReadyAddressesPublishesEveryPodAsReadyEvenWhileTerminating() {
        Service service = service(List.of(ServicePort.of("http", 80, IntOrString.of(8080))));
        service = service.withSpec(new ServiceSpec(null, APP, service.spec().ports(), null, null, null, null,
            Map.of("publishNotReadyAddresses", true)));
        Pod deleting = pod("b", "10.0.0.2", false);
        deleting = deleting.withMetadata(deleting.metadata().withDeletionTimestamp("2024-01-01T00:00:00Z"));

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(deleting));

        assertThat(subsets.get(0).addresses()).extracting(EndpointAddress::ip).containsExactly("10.0.0.2");
        assertThat(subsets.get(0).notReadyAddresses()).isNull();
    }

    @Test
    void addressesServingDifferentPortsGoToDifferentSubsetsInAStableOrder() {
        Service service = service(List.of(ServicePort.of("web", 80, IntOrString.of("http")),
            ServicePort.of("admin", 9000, IntOrString.of("admin"))));
        Pod both = pod("a", "10.0.0.10", true);
        both = withPorts(both, List.of(ContainerPort.of("http", 8080), ContainerPort.of("admin", 9090)));
        Pod webOnly = pod("b", "10.0.0.9", true);

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(both, webOnly));
        List<EndpointSubset> reversed = EndpointSubsets.forService(service, List.of(webOnly, both));

        assertThat(subsets).isEqualTo(reversed);
        assertThat(subsets).hasSize(2);
        EndpointSubset web = subsets.stream().filter(s -> s.ports().get(0).port() == 8080).findFirst().orElseThrow();
        EndpointSubset admin = subsets.stream().filter(s -> s.ports().get(0).port() == 9090).findFirst().orElseThrow();
        assertThat(web.addresses()).extracting(EndpointAddress::ip).containsExactly("10.0.0.9", "10.0.0.10");
        assertThat(web.ports()).extracting(EndpointPort::name).containsExactly("web");
        assertThat(admin.addresses()).extracting(EndpointAddress::ip).containsExactly("10.0.0.10");
        assertThat(admin.ports()).extracting(EndpointPort::name).containsExactly("admin");
    }

    @Test
    void addressesAreOrderedByIpNumericallyThenByPodUid() {
        Service service = service(List.of(ServicePort.of("http", 80, IntOrString.of(8080))));
        List<Pod> pods = List.of(pod("a", "10.0.0.10", true), pod("b", "10.0.0.9", true), pod("c", "10.0.0.9", true));

        List<EndpointAddress> addresses = EndpointSubsets.forService(service, pods).get(0).addresses();

        assertThat(addresses).extracting(a -> a.targetRef().name()).containsExactly("b", "c", "a");
    }

    @Test
    void repackingCanonicalSubsetsChangesNothing() {
        Service service = service(List.of(ServicePort.of("web", 80, IntOrString.of("http")),
            ServicePort.of("metrics", 81, IntOrString.of(9100))));
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pods.add(pod("p" + i, "10.0.1." + i, i % 2 == 0));
        }
        List<EndpointSubset> subsets = EndpointSubsets.forService(service, pods);

        assertThat(EndpointSubsets.repack(subsets)).isEqualTo(subsets);
        assertThat(EndpointSubsets.repack(null)).isEmpty();
    }

    @Test
    void aHeadlessServiceWithoutPortsPublishesAddressesWithoutPorts() {
        Service service = Service.of(ObjectMeta.of("ns", "db"),
            new ServiceSpec(null, APP, null, "None", null, null, null, null));

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(pod("a", "10.0.0.1", true)));

        assertThat(subsets).hasSize(1);
        assertThat(subsets.get(0).ports()).isNull();
        assertThat(subsets.get(0).addresses()).hasSize(1);
    }

    @Test
    void aPodAsksForItsHostnameOnlyThroughItsSubdomain() {
        Service service = service(List.of(ServicePort.of("http", 80, IntOrString.of(8080))));
        Pod pod = pod("a", "10.0.0.1", true);
        PodSpec spec = new PodSpec(pod.spec().containers(), null, "node-1", null, null, null, null, null, null, null,
            null, null, null, null, null, Map.of("hostname", "a-0", "subdomain", "web"));

        assertThat(EndpointSubsets.addressOf(service, pod.withSpec(spec)).hostname()).isEqualTo("a-0");
        assertThat(EndpointSubsets.addressOf(service, pod).hostname()).isNull();
    }

    private static Service service(List<ServicePort> ports) {
        return Service.of(ObjectMeta.of("ns", "web"), ServiceSpec.of(APP, ports));
    }

    @Test
    void aPodPublishedOnHostPortsIsReachedOnTheHostPortOfTheServicesTargetPort() {
        // Two pods on one node in host-port mode: both listen on 8080 inside their sandboxes, and the node
        // agent published them on 127.0.0.1 at 41001 and 41002.
        Service service = service(List.of(ServicePort.of("web", 80, IntOrString.of("http")),
            ServicePort.of("raw", 81, IntOrString.of(8080))));
        Pod a = withHostPorts(pod("a", "127.0.0.1", true), "{\"8080/TCP\":41001}");
        Pod b = withHostPorts(pod("b", "127.0.0.1", true), "{\"8080/TCP\":41002,\"9090/TCP\":41003}");

        List<EndpointSubset> subsets = EndpointSubsets.forService(service, List.of(a, b));

        assertThat(subsets).hasSize(2);
        assertThat(subsets).allSatisfy(s -> assertThat(s.addresses()).extracting(EndpointAddress::ip)
            .containsExactly("127.0.0.1"));
        assertThat(subsets).extracting(s -> s.addresses().get(0).targetRef().name()).containsExactlyInAnyOrder("a", "b");
        EndpointSubset ofA = subsets.stream().filter(s -> s.addresses().get(0).targetRef().name().equals("a"))
            .findFirst().orElseThrow();
        assertThat(ofA.ports()).containsExactlyInAnyOrder(EndpointPort.of("web", 41001, "TCP"),
            EndpointPort.of("raw", 41001, "TCP"));
    }

    @Test
    void theHostPortAnnotationMapsOnlyItsOwnProtocolAndIgnoresGarbage() {
        Pod udpOnly = withHostPorts(pod("a", "127.0.0.1", true), "{\"8080/UDP\":41001}");
        Pod garbage = withHostPorts(pod("b", "127.0.0.1", true), "not json");
        ServicePort http = ServicePort.of("web", 80, IntOrString.of(8080));

        assertThat(EndpointSubsets.findPort(udpOnly, http)).contains(8080);
        assertThat(EndpointSubsets.findPort(garbage, http)).contains(8080);
    }

    private static Pod withHostPorts(Pod pod, String annotation) {
        return pod.withMetadata(pod.metadata().withAnnotations(Map.of(HostPorts.ANNOTATION, annotation)));
    }

    private static Pod pod(String name, String ip, boolean ready) {
        Container container = Container.of("app", "nginx").withPorts(List.of(ContainerPort.of("http", 8080)));
        PodSpec spec = PodSpec.of(List.of(container)).withNodeName("node-1");
        PodStatus status = PodStatus.of(PodStatus.RUNNING).withPodIP(ip)
            .withConditions(List.of(PodCondition.of(PodCondition.READY, ready ? "True" : "False", null, null)));
        ObjectMeta meta = ObjectMeta.of("ns", name).withUid("uid-" + name).withLabels(APP);
        return Pod.of(meta, spec).withStatus(status);
    }

    private static Pod withPorts(Pod pod, List<ContainerPort> ports) {
        Container container = Container.of("app", "nginx").withPorts(ports);
        return pod.withSpec(pod.spec().withContainers(List.of(container)));
    }
}
