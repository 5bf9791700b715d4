package io.j8s.scheduler.schedule;

import static io.j8s.scheduler.TestObjects.bound;
import static io.j8s.scheduler.TestObjects.node;
import static io.j8s.scheduler.TestObjects.pod;
import static io.j8s.scheduler.TestObjects.withPhase;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.scheduler.cache.SchedulerCache;
import io.j8s.scheduler.queue.SchedulingQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventHandlersTest {

    private final AtomicLong now = new AtomicLong();
    private final SchedulerCache cache = new SchedulerCache(Duration.ofSeconds(30), now::get);
    private final SchedulingQueue queue = new SchedulingQueue(Duration.ofSeconds(1), Duration.ofSeconds(10),
        Duration.ofSeconds(60), now::get);
    private final EventHandlers handlers = new EventHandlers("default-scheduler", cache, queue);
    private final ResourceEventHandler<Pod> pods = handlers.pods();
    private final ResourceEventHandler<Node> nodes = handlers.nodes();

    @Test
    void onlyPendingPodsOfThisSchedulerAreQueued() {
        Pod ours = pod("ours", "1");
        Pod unset = ours.withMetadata(ours.metadata().withName("unset")).withSpec(ours.spec().withSchedulerName(null));
        Pod theirs = ours.withMetadata(ours.metadata().withName("theirs"))
            .withSpec(ours.spec().withSchedulerName("other-scheduler"));
        Pod done = withPhase(ours.withMetadata(ours.metadata().withName("done")), PodStatus.SUCCEEDED);
        for (Pod pod : List.of(ours, unset, theirs, done)) {
            pods.onAdd(pod);
        }
        assertThat(queue.activeKeys()).containsExactlyInAnyOrder("default/ours", "default/unset");

        EventHandlers other = new EventHandlers("other-scheduler", cache, queue);
        assertThat(other.pendingAndOurs(theirs)).isTrue();
        assertThat(other.pendingAndOurs(unset)).isFalse(); // unset means default-scheduler
    }

    @Test
    void aPodSeenBoundLeavesTheQueueAndCountsOnItsNode() {
        nodes.onAdd(node("n1", "4", 110));
        Pod pending = pod("a", "1");
        pods.onAdd(pending);
        Pod boundPod = version(bound(pending, "n1"), "2");
        pods.onUpdate(pending, boundPod);

        assertThat(queue.sizes()).isEqualTo(new SchedulingQueue.Sizes(0, 0, 0, 0));
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).containsExactly(boundPod);

        pods.onUpdate(boundPod, version(withPhase(boundPod, PodStatus.FAILED), "3"));
        assertThat(cache.snapshot().node("n1").orElseThrow().pods()).isEmpty();
    }

    @Test
    void aHeartbeatDoesNotMoveUnschedulablePodsButANewLabelDoes() {
        Node node = node("n1", "1", 110);
        nodes.onAdd(node);
        pods.onAdd(pod("big", "2"));
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("NodeAffinity"));

        Node heartbeat = version(node.withStatus(node.status().withConditions(List.of(
            NodeCondition.of("Ready", "True", "KubeletReady", null).withLastHeartbeatTime("2024-01-01T00:00:10Z")))),
            "2");
        nodes.onUpdate(node, heartbeat);
        assertThat(queue.sizes().unschedulable()).isEqualTo(1);

        Node labelled = version(heartbeat.withMetadata(heartbeat.metadata().withLabels(Map.of("disk", "ssd"))), "3");
        nodes.onUpdate(heartbeat, labelled);
        assertThat(queue.sizes().unschedulable()).isZero();
        assertThat(cache.snapshot().node("n1").orElseThrow().node()).isEqualTo(labelled);
    }

    @Test
    void aPodLeavingANodeMovesPodsThatWantedItsRoom() {
        nodes.onAdd(node("n1", "1", 110));
        Pod running = bound(pod("running", "1"), "n1");
        pods.onAdd(running);
        pods.onAdd(pod("waiting", "1"));
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("NodeResourcesFit"));

        pods.onDelete(running);
        assertThat(queue.sizes().unschedulable()).isZero();
        assertThat(cache.podCount()).isZero();
    }

    private static Pod version(Pod pod, String resourceVersion) {
        return pod.withMetadata(pod.metadata().withResourceVersion(resourceVersion));
    }

    private static Node version(Node node, String resourceVersion) {
        return node.withMetadata(node.metadata().withResourceVersion(resourceVersion));
    }
}
