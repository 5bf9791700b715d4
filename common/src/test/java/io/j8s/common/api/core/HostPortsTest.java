package io.j8s.common.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPortsTest {

    @Test
    void formatsSortedKeysAndParsesThemBack() {
        String value = HostPorts.format(Map.of(HostPorts.key(9090, "UDP"), 41002, HostPorts.key(8080, null), 41001));

        assertThat(value).isEqualTo("{\"8080/TCP\":41001,\"9090/UDP\":41002}");
        assertThat(HostPorts.parse(value)).containsExactlyInAnyOrderEntriesOf(Map.of("8080/TCP", 41001, "9090/UDP", 41002));
    }

    @Test
    void skipsWhatIsNotAPortAndToleratesGarbage() {
        assertThat(HostPorts.parse("{\"80/TCP\":\"x\",\"81/TCP\":0,\"82/TCP\":70000,\"83/TCP\":8083}"))
            .containsExactlyInAnyOrderEntriesOf(Map.of("83/TCP", 8083));
        assertThat(HostPorts.parse("[1,2]")).isEmpty();
        assertThat(HostPorts.parse("{")).isEmpty();
        assertThat(HostPorts.parse(null)).isEmpty();
    }

    @Test
    void findsAPodsHostPortByContainerPortAndProtocol() {
        Pod pod = Pod.of(ObjectMeta.of("ns", "p").withAnnotations(Map.of(HostPorts.ANNOTATION, "{\"8080/TCP\":41001}")),
            PodSpec.of(List.of()));

        assertThat(HostPorts.hostPort(pod, 8080, "TCP")).contains(41001);
        assertThat(HostPorts.hostPort(pod, 8080, "")).contains(41001);
        assertThat(HostPorts.hostPort(pod, 8080, "UDP")).isEmpty();
        assertThat(HostPorts.hostPort(Pod.of(ObjectMeta.of("ns", "q"), null), 8080, "TCP")).isEmpty();
    }
}
