package io.j8s.controller.support;

import static io.j8s.controller.support.ServicePods.pod;
import static io.j8s.controller.support.ServicePods.withHostPorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodIP;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.ServicePort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Endpoints and EndpointSlice controllers share: which pods count and the port they are reached on. */
class EndpointPodsTest {

    @Test
    void aNamedTargetPortMatchesOnlyAContainerPortOfTheSameProtocol() {
        Pod pod = pod("a", "10.0.0.1", true);
        assertThat(EndpointPods.findPort(pod, ServicePort.of("web", 80, IntOrString.of("http")))).contains(8080);
        ServicePort udp = new ServicePort("dns", "UDP", 53, IntOrString.of("http"), null, null);
        assertThat(EndpointPods.findPort(pod, udp)).isEmpty();
        assertThat(EndpointPods.findPort(pod, new ServicePort("p", null, 81, null, null, null))).contains(81);
    }

    @Test
    void theHostPortAnnotationMapsOnlyItsOwnProtocolAndIgnoresGarbage() {
        Pod published = withHostPorts(pod("a", "127.0.0.1", true), "{\"8080/TCP\":41001}");
        Pod udpOnly = withHostPorts(pod("b", "127.0.0.1", true), "{\"8080/UDP\":41001}");
        Pod garbage = withHostPorts(pod("c", "127.0.0.1", true), "not json");
        ServicePort http = ServicePort.of("web", 80, IntOrString.of(8080));

        assertThat(EndpointPods.findPort(published, http)).contains(41001);
        assertThat(EndpointPods.findPort(udpOnly, http)).contains(8080);
        assertThat(EndpointPods.findPort(garbage, http)).contains(8080);
    }

    @Test
    void finishedPodsAndPodsWithoutIpAreNoEndpointsAndTerminatingOnesOnlyWhenAsked() {
        Pod running = pod("a", "10.0.0.1", true);
        Pod noIp = pod("b", null, false);
        Pod failed = running.withStatus(running.status().withPhase(PodStatus.FAILED));
        Pod terminating = running.withMetadata(running.metadata().withDeletionTimestamp("2026-01-01T00:00:00Z"));

        assertThat(EndpointPods.shouldPodBeInEndpoints(running, false)).isTrue();
        assertThat(EndpointPods.shouldPodBeInEndpoints(noIp, true)).isFalse();
        assertThat(EndpointPods.shouldPodBeInEndpoints(failed, true)).isFalse();
        assertThat(EndpointPods.shouldPodBeInEndpoints(terminating, false)).isFalse();
        assertThat(EndpointPods.shouldPodBeInEndpoints(terminating, true)).isTrue();
    }

    @Test
    void podIpsPreferTheListAndFallBackToPodIp() {
        Pod single = pod("a", "10.0.0.1", true);
        Pod dual = single.withStatus(single.status().withPodIPs(List.of(new PodIP("10.0.0.1", null),
            new PodIP("fd00::1", null))));
        assertThat(EndpointPods.podIps(single)).containsExactly("10.0.0.1");
        assertThat(EndpointPods.podIps(dual)).containsExactly("10.0.0.1", "fd00::1");
        assertThat(EndpointPods.podIps(pod("b", null, true))).isEmpty();
    }

    @Test
    void aNewHostPortMovesTheEndpoint() {
        Pod before = pod("a", "127.0.0.1", true);
        assertThat(PodServiceMembership.addressChanged(before, before)).isFalse();
        assertThat(PodServiceMembership.addressChanged(before, withHostPorts(before, "{\"8080/TCP\":41001}")))
            .isTrue();
    }
}
