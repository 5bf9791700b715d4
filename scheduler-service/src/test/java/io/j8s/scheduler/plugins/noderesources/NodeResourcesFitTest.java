package io.j8s.scheduler.plugins.noderesources;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.scheduler.framework.FilterResult;
import org.junit.jupiter.api.Test;

class NodeResourcesFitTest {

    private final NodeResourcesFit plugin = new NodeResourcesFit();

    @Test
    void podFitsWhenFreeRoomCoversItsRequests() {
        var running = pod("running").container("1500m", "1Gi").build();
        var pod = pod("web").container("500m", "1Gi").build();

        assertThat(filter(plugin, pod, node("n1").cpu("2").memory("2Gi").with(running)).fits()).isTrue();
    }

    @Test
    void podsAlreadyOnTheNodeTakeTheirShare() {
        var running = pod("running").container("1500m", "1Gi").build();
        var pod = pod("web").container("600m", "100Mi").build();

        FilterResult result = filter(plugin, pod, node("n1").cpu("2").memory("2Gi").with(running));

        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).as("preempting pods could make room").isFalse();
        assertThat(result.reasons()).containsExactly("Insufficient cpu");
    }

    @Test
    void everyShortResourceIsAReason() {
        var pod = pod("big").container("3", "3Gi").build();

        FilterResult result = filter(plugin, pod, node("n1").cpu("2").memory("2Gi").pods(1)
                .with(pod("running").build()));

        assertThat(result.reasons()).containsExactly("Too many pods", "Insufficient cpu", "Insufficient memory");
    }

    @Test
    void podCountIsCheckedEvenForPodsRequestingNothing() {
        var bestEffort = pod("be").container(null, null).build();
        var full = node("n1").cpu("1").memory("1Gi").pods(2)
                .with(pod("a").container("1", "1Gi").build(), pod("b").build());

        assertThat(filter(plugin, bestEffort, full).reasons()).containsExactly("Too many pods");
        assertThat(filter(plugin, bestEffort, node("n1").cpu("1").memory("1Gi").pods(3)
                .with(pod("a").container("1", "1Gi").build())).fits()).isTrue();
    }

    @Test
    void largestInitContainerCountsWhenItExceedsTheContainersSum() {
        // Containers 500m + 500m, init 1500m: the pod needs 1500m while its init container runs.
        var pod = pod("web").container("500m", null).container("500m", null).initContainer("1500m", null).build();

        assertThat(filter(plugin, pod, node("n1").cpu("1500m").with()).fits()).isTrue();
        assertThat(filter(plugin, pod, node("n1").cpu("1400m").with()).reasons()).containsExactly("Insufficient cpu");
    }

    @Test
    void containersSumCountsWhenItExceedsTheLargestInitContainer() {
        var pod = pod("web").container("1", "1Gi").container("1", "1Gi").initContainer("1500m", "1500Mi").build();

        assertThat(filter(plugin, pod, node("n1").cpu("2").memory("2Gi").with()).fits()).isTrue();
        assertThat(filter(plugin, pod, node("n1").cpu("1999m").memory("2047Mi").with()).reasons())
                .containsExactly("Insufficient cpu", "Insufficient memory");
    }

    @Test
    void filterWorksWithoutPreFilter() {
        var pod = pod("web").container("3", null).build();
        var node = node("n1").cpu("2").with();

        assertThat(plugin.filter(io.j8s.scheduler.plugins.Fixtures.cycle(node), pod, node).reasons())
                .containsExactly("Insufficient cpu");
    }
}
