package io.j8s.scheduler.plugins.nodeports;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.FilterResult;
import org.junit.jupiter.api.Test;

class NodePortsTest {

    private final NodePorts plugin = new NodePorts();

    @Test
    void samePortTakenOnTheNodeConflicts() {
        FilterResult result = filter(plugin, withPort(8080, null, null), node("n1").with(withPort(8080, "TCP", null)));

        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isFalse();
        assertThat(result.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
    }

    @Test
    void allAddressesConflictsWithAnyAddressOfTheSamePort() {
        var boundToOneAddress = node("n1").with(withPort(8080, null, "10.0.0.1"));
        var boundToAll = node("n1").with(withPort(8080, null, "0.0.0.0"));

        assertThat(filter(plugin, withPort(8080, null, null), boundToOneAddress).fits()).isFalse();
        assertThat(filter(plugin, withPort(8080, null, "0.0.0.0"), boundToOneAddress).fits()).isFalse();
        assertThat(filter(plugin, withPort(8080, null, "10.0.0.2"), boundToAll).fits()).isFalse();
    }

    @Test
    void differentAddressProtocolOrPortDoesNotConflict() {
        var node = node("n1").with(withPort(8080, "TCP", "10.0.0.1"));

        assertThat(filter(plugin, withPort(8080, "TCP", "10.0.0.2"), node).fits()).isTrue();
        assertThat(filter(plugin, withPort(8080, "UDP", null), node).fits()).isTrue();
        assertThat(filter(plugin, withPort(8081, null, null), node).fits()).isTrue();
    }

    @Test
    void podWithoutHostPortsFitsAnywhere() {
        assertThat(filter(plugin, pod("web").container("1", null).build(), node("n1").with(withPort(80, null, null))).fits())
                .isTrue();
    }

    private static Pod withPort(int port, String protocol, String hostIP) {
        return pod("p" + port).hostPort(port, protocol, hostIP).build();
    }
}
