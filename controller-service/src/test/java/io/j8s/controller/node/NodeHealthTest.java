package io.j8s.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.coordination.LeaseSpec;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.core.NodeStatus;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The heartbeat arithmetic, conditions and taints of the node lifecycle controller. */
class NodeHealthTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(40);

    @Test
    void aNodeWithoutLeaseOrStatusCountsFromItsCreation() {
        Node node = node("2030-01-01T00:00:00Z", null);

        NodeHealth health = NodeHealth.observe(null, node, null, T0.plusSeconds(30));

        assertThat(health.probeTimestamp()).isEqualTo(T0);
        assertThat(health.silentLongerThan(GRACE, T0.plusSeconds(40))).isFalse();
        assertThat(health.silentLongerThan(GRACE, T0.plusSeconds(41))).isTrue();
    }

    @Test
    void onFirstSightANodeIsCreditedWithItsLastLeaseRenewalNotWithNow() {
        Node node = node("2029-12-31T00:00:00Z", null);
        Lease lease = lease(T0);

        NodeHealth health = NodeHealth.observe(null, node, lease, T0.plusSeconds(100));

        assertThat(health.probeTimestamp()).isEqualTo(T0);
        assertThat(health.silentLongerThan(GRACE, T0.plusSeconds(100))).isTrue();
    }

    @Test
    void aRenewalInTheFutureOfOurClockCountsAsNow() {
        NodeHealth health = NodeHealth.observe(null, node("2029-12-31T00:00:00Z", null), lease(T0.plusSeconds(60)), T0);

        assertThat(health.probeTimestamp()).isEqualTo(T0);
    }

    @Test
    void aRenewedLeaseIsASignOfLifeWhenItIsSeenWhateverItsClockSays() {
        Node node = node("2029-12-31T00:00:00Z", null);
        NodeHealth first = NodeHealth.observe(null, node, lease(T0), T0);

        NodeHealth unchanged = NodeHealth.observe(first, node, lease(T0), T0.plusSeconds(30));
        // The node's clock lags an hour behind ours: the renewal still counts, at the moment we see it.
        NodeHealth renewed = NodeHealth.observe(unchanged, node, lease(T0.minusSeconds(3600)), T0.plusSeconds(50));

        assertThat(unchanged.probeTimestamp()).isEqualTo(T0);
        assertThat(renewed.probeTimestamp()).isEqualTo(T0.plusSeconds(50));
        assertThat(renewed.silentLongerThan(GRACE, T0.plusSeconds(89))).isFalse();
    }

    @Test
    void aNewReadyHeartbeatIsASignOfLifeButTheConditionWeWroteIsNot() {
        Node node = node("2029-12-31T00:00:00Z", "2030-01-01T00:00:00Z");
        NodeHealth first = NodeHealth.observe(null, node, null, T0);
        List<NodeCondition> silenced = NodeConditions.silenced(node.status().conditions(),
            node.metadata().creationTimestamp(), "2030-01-01T00:01:00Z");
        NodeHealth afterWrite = first.withReady(NodeConditions.find(silenced, NodeCondition.READY));
        Node written = node.withStatus(node.status().withConditions(silenced));

        NodeHealth next = NodeHealth.observe(afterWrite, written, null, T0.plusSeconds(70));
        NodeHealth beat = NodeHealth.observe(next, node("2029-12-31T00:00:00Z", "2030-01-01T00:01:05Z"), null,
            T0.plusSeconds(80));

        assertThat(next.probeTimestamp()).isEqualTo(T0);
        assertThat(beat.probeTimestamp()).isEqualTo(T0.plusSeconds(80));
    }

    @Test
    void aSilentNodesKubeletConditionsBecomeUnknownKeepingTheirHeartbeat() {
        Node node = node("2029-12-31T00:00:00Z", "2030-01-01T00:00:00Z");

        List<NodeCondition> conditions = NodeConditions.silenced(node.status().conditions(),
            node.metadata().creationTimestamp(), "2030-01-01T00:01:00Z");

        NodeCondition ready = NodeConditions.find(conditions, NodeCondition.READY);
        assertThat(ready.status()).isEqualTo("Unknown");
        assertThat(ready.reason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready.message()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(ready.lastHeartbeatTime()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(ready.lastTransitionTime()).isEqualTo("2030-01-01T00:01:00Z");
        NodeCondition memory = NodeConditions.find(conditions, NodeConditions.MEMORY_PRESSURE);
        assertThat(memory.reason()).isEqualTo("NodeStatusNeverUpdated");
        assertThat(memory.message()).isEqualTo("Kubelet never posted node status.");
        assertThat(memory.lastHeartbeatTime()).isEqualTo("2029-12-31T00:00:00Z");
        assertThat(conditions).extracting(NodeCondition::type)
            .containsExactly("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    }

    @Test
    void anUnreachableNodeIsTaintedAndLosesTheTaintsWhenItIsBackKeepingTheUsersTaints() {
        Taint users = new Taint("dedicated", "gpu", Taint.NO_SCHEDULE, null, null);
        Node node = node("2029-12-31T00:00:00Z", "2030-01-01T00:00:00Z");
        node = node.withSpec(NodeSpec.empty().withTaints(List.of(users)));

        List<Taint> tainted = NodeTaints.reconcile(node.spec().taints(), NodeTaints.desired(node, true),
            "2030-01-01T00:01:00Z");

        assertThat(tainted).extracting(t -> t.key() + ":" + t.effect()).containsExactly("dedicated:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule");
        assertThat(tainted.get(1).timeAdded()).isEqualTo("2030-01-01T00:01:00Z");
        assertThat(tainted.get(1).value()).isNull();
        // Unchanged while still unreachable: no write.
        assertThat(NodeTaints.reconcile(tainted, NodeTaints.desired(node, true), "2030-01-01T00:02:00Z")).isNull();
        assertThat(NodeTaints.reconcile(tainted, NodeTaints.desired(node, false), "2030-01-01T00:03:00Z"))
            .containsExactly(users);
    }

    @Test
    void aNodeTheKubeletReportsNotReadyOrUnderPressureIsTaintedAccordingly() {
        Node node = Node.of(ObjectMeta.named("n"), NodeSpec.empty().withUnschedulable(true))
            .withStatus(NodeStatus.empty().withConditions(List.of(
                NodeCondition.of(NodeCondition.READY, "False", "KubeletNotReady", null),
                NodeCondition.of(NodeConditions.DISK_PRESSURE, "True", null, null))));

        Set<NodeTaints.Key> wanted = NodeTaints.desired(node, false);

        assertThat(wanted).containsExactlyInAnyOrder(
            new NodeTaints.Key(NodeTaints.NOT_READY, Taint.NO_EXECUTE),
            new NodeTaints.Key(NodeTaints.NOT_READY, Taint.NO_SCHEDULE),
            new NodeTaints.Key(NodeTaints.DISK_PRESSURE, Taint.NO_SCHEDULE),
            new NodeTaints.Key(NodeTaints.UNSCHEDULABLE, Taint.NO_SCHEDULE));
    }

    private static Node node(String created, String readyHeartbeat) {
        Node node = Node.of(ObjectMeta.named("n").withCreationTimestamp(created), NodeSpec.empty());
        if (readyHeartbeat == null) {
            return node;
        }
        NodeCondition ready = new NodeCondition(NodeCondition.READY, "True", readyHeartbeat, readyHeartbeat,
            "KubeletReady", "kubelet is posting ready status", null);
        return node.withStatus(NodeStatus.empty().withConditions(List.of(ready)));
    }

    private static Lease lease(Instant renewTime) {
        return Lease.of(ObjectMeta.of("kube-node-lease", "n"), LeaseSpec.of("n", 40, null, Times.formatMicro(renewTime)));
    }
}
