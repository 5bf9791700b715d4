package io.j8s.scheduler.cache;

import static io.j8s.scheduler.TestObjects.bound;
import static io.j8s.scheduler.TestObjects.node;
import static io.j8s.scheduler.TestObjects.pod;
import static io.j8s.scheduler.TestObjects.withPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.ResourceList;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final SchedulerCache cache = new SchedulerCache(Duration.ofSeconds(30), now::get);

    @BeforeEach
    void nodes() {
        cache.addNode(node("n1", "4", 110));
        cache.addNode(node("n2", "4", 110));
    }

    @Test
    void boundPodsCountOnTheirNode() {
        cache.addPod(bound(pod("a", "1"), "n1"));
        cache.addPod(bound(pod("b", "500m"), "n1"));
        cache.addPod(bound(pod("c", "2"), "n2"));

        assertThat(requested("n1")).isEqualTo(new ResourceList(1500, 0, 2));
        assertThat(requested("n2")).isEqualTo(new ResourceList(2000, 0, 1));
    }

    @Test
    void terminatedPodsHoldNothing() {
        Pod a = bound(pod("a", "1"), "n1");
        cache.addPod(a);
        cache.updatePod(withPhase(a, PodStatus.SUCCEEDED));
        cache.addPod(withPhase(bound(pod("b", "1"), "n1"), PodStatus.FAILED));

        assertThat(requested("n1")).isEqualTo(ResourceList.ZERO);
        assertThat(cache.podCount()).isZero();
    }

    @Test
    void anAssumedPodCountsFromTheMomentItIsAssumedAndOnceWhenConfirmed() {
        Pod assumed = bound(pod("a", "1"), "n1");
        cache.assume(assumed);
        assertThat(cache.isAssumed("default/a")).isTrue();
        assertThat(requested("n1")).isEqualTo(new ResourceList(1000, 0, 1));

        cache.finishBinding(assumed);
        cache.addPod(assumed); // the informer shows it bound
        assertThat(cache.isAssumed("default/a")).isFalse();
        assertThat(requested("n1")).isEqualTo(new ResourceList(1000, 0, 1));

        now.addAndGet(Duration.ofMinutes(5).toNanos()); // a confirmed pod never expires
        assertThat(requested("n1")).isEqualTo(new ResourceList(1000, 0, 1));
    }

    @Test
    void aPodInTheCacheCannotBeAssumedAgain() {
        cache.assume(bound(pod("a", "1"), "n1"));
        assertThatThrownBy(() -> cache.assume(bound(pod("a", "1"), "n2"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedBindingForgetsTheAssumedPod() {
        Pod assumed = bound(pod("a", "1"), "n1");
        cache.assume(assumed);
        cache.forget(assumed);

        assertThat(cache.isAssumed("default/a")).isFalse();
        assertThat(requested("n1")).isEqualTo(ResourceList.ZERO);
    }

    @Test
    void forgettingDoesNotDropAPodTheInformerShowsBound() {
        Pod assumed = bound(pod("a", "1"), "n1");
        cache.assume(assumed);
        cache.addPod(assumed);
        cache.forget(assumed);

        assertThat(requested("n1")).isEqualTo(new ResourceList(1000, 0, 1));
    }

    @Test
    void anAssumedPodExpiresTheTtlAfterItsBindingFinishedIfNeverSeenBound() {
        Pod assumed = bound(pod("a", "1"), "n1");
        cache.assume(assumed);
        now.addAndGet(Duration.ofMinutes(10).toNanos()); // binding still in flight: no expiry
        assertThat(requested("n1").pods()).isEqualTo(1);

        cache.finishBinding(assumed);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(requested("n1").pods()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(requested("n1").pods()).isZero();
        assertThat(cache.isAssumed("default/a")).isFalse();
    }

    @Test
    void deletedPodsLeaveTheirNode() {
        Pod a = bound(pod("a", "1"), "n1");
        cache.addPod(a);
        cache.removePod(a);
        assertThat(requested("n1")).isEqualTo(ResourceList.ZERO);
    }

    @Test
    void nodesComeAndGoWithTheirPodsKeptUntilTheyGoToo() {
        Pod a = bound(pod("a", "1"), "n1");
        cache.addPod(a);
        cache.removeNode(node("n1", "4", 110));
        assertThat(cache.snapshot().nodes()).extracting(NodeInfo::name).containsExactly("n2");

        cache.addNode(node("n1", "4", 110)); // back again: its pod is still there
        assertThat(requested("n1").pods()).isEqualTo(1);

        // A pod bound to a node the cache does not know yet waits for that node.
        cache.addPod(bound(pod("b", "1"), "n3"));
        assertThat(cache.snapshot().node("n3")).isEmpty();
        cache.addNode(node("n3", "4", 110));
        assertThat(requested("n3").pods()).isEqualTo(1);
    }

    @Test
    void aNodeUpdateReplacesTheNode() {
        Node bigger = node("n1", "16", 110);
        cache.updateNode(bigger);
        assertThat(cache.snapshot().node("n1").orElseThrow().allocatable().milliCpu()).isEqualTo(16000);
    }

    @Test
    void aSnapshotRebuildsOnlyTheNodesThatChanged() {
        ClusterSnapshot first = cache.snapshot();
        assertThat(cache.snapshot()).isSameAs(first);

        cache.assume(bound(pod("a", "1"), "n1"));
        ClusterSnapshot second = cache.snapshot();
        assertThat(second).isNotSameAs(first);
        assertThat(second.node("n2").orElseThrow()).isSameAs(first.node("n2").orElseThrow());
        assertThat(second.node("n1").orElseThrow()).isNotSameAs(first.node("n1").orElseThrow());
        // The earlier snapshot is unchanged.
        assertThat(first.node("n1").orElseThrow().pods()).isEmpty();
        assertThat(second.nodes()).extracting(NodeInfo::name).containsExactly("n1", "n2");
    }

    @Test
    void aThousandNodesAndFiveThousandPodsSnapshotCheaply() {
        SchedulerCache big = new SchedulerCache(Duration.ofSeconds(30));
        for (int i = 0; i < 1000; i++) {
            big.addNode(node("node-" + i, "32", 110));
        }
        for (int i = 0; i < 5000; i++) {
            big.addPod(bound(pod("p" + i, "100m"), "node-" + (i % 1000)));
        }
        big.snapshot();
        // What one scheduling cycle does: assume a pod, take a snapshot. Generous bound: this is no benchmark.
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            big.assume(bound(pod("new" + i, "100m"), "node-" + (i % 1000)));
            assertThat(big.snapshot().nodes()).hasSize(1000);
        }
        long perCycleMicros = (System.nanoTime() - start) / 2000 / 1000;
        assertThat(perCycleMicros).isLessThan(2000);
        assertThat(big.snapshot().node("node-7").orElseThrow().pods()).hasSize(7);
    }

    private ResourceList requested(String node) {
        ResourceList requested = cache.snapshot().node(node).orElseThrow().requested();
        return new ResourceList(requested.milliCpu(), 0, requested.pods());
    }
}
