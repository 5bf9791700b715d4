package io.j8s.scheduler.plugins.nodeready;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.scheduler.framework.FilterResult;
import org.junit.jupiter.api.Test;

class NodeReadyTest {

    private final NodeReady plugin = new NodeReady();

    @Test
    void readyNodeTakesPods() {
        assertThat(filter(plugin, pod("web").build(), node("n1").ready("True").with()).fits()).isTrue();
    }

    @Test
    void notReadyUnknownOrSilentNodesDoNot() {
        for (String status : new String[] {"False", "Unknown", null}) {
            FilterResult result = filter(plugin, pod("web").build(), node("n1").ready(status).with());

            assertThat(result.fits()).as("Ready=%s", status).isFalse();
            assertThat(result.unresolvable()).isTrue();
            assertThat(result.reasons()).containsExactly("node(s) were not ready");
        }
    }

    @Test
    void podToleratingTheTaintKubernetesWouldAddStillFits() {
        var toleratesNotReady = pod("ds").toleration("node.kubernetes.io/not-ready", "Exists", null, "NoSchedule").build();
        var toleratesAll = pod("ds").toleration(null, "Exists", null, null).build();

        assertThat(filter(plugin, toleratesNotReady, node("n1").ready("False").with()).fits()).isTrue();
        assertThat(filter(plugin, toleratesNotReady, node("n1").ready("Unknown").with()).fits()).isFalse();
        assertThat(filter(plugin, toleratesAll, node("n1").ready("Unknown").with()).fits()).isTrue();
    }
}
