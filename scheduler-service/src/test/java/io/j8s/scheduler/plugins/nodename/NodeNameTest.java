package io.j8s.scheduler.plugins.nodename;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.scheduler.framework.FilterResult;
import org.junit.jupiter.api.Test;

class NodeNameTest {

    private final NodeName plugin = new NodeName();

    @Test
    void podAskingForANodeFitsOnlyThere() {
        var pod = pod("web").nodeName("n2").build();

        assertThat(filter(plugin, pod, node("n2").with()).fits()).isTrue();
        FilterResult other = filter(plugin, pod, node("n1").with());
        assertThat(other.fits()).isFalse();
        assertThat(other.unresolvable()).isTrue();
        assertThat(other.reasons()).containsExactly("node(s) didn't match the requested node name");
    }

    @Test
    void podWithoutNodeNameFitsAnywhere() {
        assertThat(filter(plugin, pod("web").build(), node("n1").with()).fits()).isTrue();
        assertThat(filter(plugin, pod("web").nodeName("").build(), node("n1").with()).fits()).isTrue();
    }
}
