package io.j8s.controller.node;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.core.NodeStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.Taint;
import io.j8s.common.api.meta.Condition;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.Indexes;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.manager.ControllerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.j8s.controller.support.ConflictRetry.update;

/**
 * Kubernetes' node lifecycle controller for one node, run every monitor period: watches the node's
 * heartbeats (its Lease in {@code kube-node-lease}, the Ready condition's heartbeat); when they stop for
 * longer than the grace period, sets Ready (and the pressure conditions) Unknown, taints the node
 * {@code unreachable} (NoExecute and NoSchedule) and marks its pods not ready. When the heartbeats come back
 * the taints go; the conditions are left for the kubelet to report. The eviction of pods from tainted
 * nodes is the {@link TaintEvictionReconciler}'s.
 */
final class NodeLifecycleReconciler implements Reconciler {

    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger log = LoggerFactory.getLogger(NodeLifecycleReconciler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final Cache<Node> nodes;
    private final Cache<Lease> leases;
    private final Cache<Pod> pods;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Duration gracePeriod;
    private final Duration monitorPeriod;
    private final Map<String, NodeHealth> health = new ConcurrentHashMap<>();
    /** Nodes seen this term, to report them registered once and removed once. */
    private final Map<String, Node> known = new ConcurrentHashMap<>();

    NodeLifecycleReconciler(ApiClient client, Cache<Node> nodes, Cache<Lease> leases, Cache<Pod> pods,
                            EventRecorder recorder, Clock clock, ControllerProperties.NodeLifecycle settings) {
        this.client = client;
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.recorder = recorder;
        this.clock = clock;
        this.gracePeriod = settings.gracePeriod();
        this.monitorPeriod = settings.monitorPeriod();
    }

    @Override
    public Result reconcile(String name) {
        Optional<Node> found = nodes.get(null, name);
        if (found.isEmpty()) {
            health.remove(name);
            Node gone = known.remove(name);
            if (gone != null) {
                recorder.normal(gone, "RemovingNode", "Removing Node %s from Controller", name);
            }
            return Result.done();
        }
        Node node = found.get();
        if (known.put(name, node) == null) {
            recorder.normal(node, "RegisteredNode", "Registered Node %s in Controller", name);
        }
        Instant now = clock.instant();
        Lease lease = leases.get(NODE_LEASE_NAMESPACE, name).orElse(null);
        NodeHealth saved = health.get(name);
        NodeHealth observed = NodeHealth.observe(saved, node, lease, now);
        boolean silent = observed.silentLongerThan(gracePeriod, now);
        Node current = node;
        if (silent) {
            Optional<Node> written = markUnknown(node, now);
            if (written.isPresent()) {
                current = written.get();
                observed = observed.withReady(NodeConditions.ready(current));
            }
        }
        health.put(name, observed);
        reconcileTaints(current, silent, now);
        String previousReady = saved == null ? null : saved.readyStatus();
        NodeCondition ready = NodeConditions.ready(node);
        boolean kubeletTurnedNotReady = ready != null && Condition.FALSE.equals(ready.status())
            && Condition.TRUE.equals(previousReady);
        if (silent || kubeletTurnedNotReady) {
            markPodsNotReady(name);
        }
        if (silent) {
            return Result.requeueAfter(monitorPeriod);
        }
        Duration untilSilent = Duration.between(now, observed.probeTimestamp().plus(gracePeriod)).plusMillis(10);
        return Result.requeueAfter(untilSilent.compareTo(monitorPeriod) < 0 ? untilSilent : monitorPeriod);
    }

    /**
     * Sets the silent node's kubelet conditions Unknown through {@code /status}, when its Ready condition is
     * not Unknown already; reports NodeNotReady when it was Ready. Returns the node as written, empty when
     * nothing was written.
     */
    private Optional<Node> markUnknown(Node node, Instant now) {
        NodeCondition before = NodeConditions.ready(node);
        if (before != null && Condition.UNKNOWN.equals(before.status())) {
            return Optional.empty();
        }
        String time = Times.format(now);
        Optional<Node> written = update(client, Resources.NODES, node, true, latest -> {
            NodeStatus status = latest.status() == null ? NodeStatus.empty() : latest.status();
            List<NodeCondition> conditions = NodeConditions.silenced(status.conditions(),
                latest.metadata().creationTimestamp(), time);
            NodeCondition latestReady = NodeConditions.ready(latest);
            if (latestReady != null && Condition.UNKNOWN.equals(latestReady.status())) {
                return null;
            }
            return latest.withStatus(status.withConditions(conditions));
        }, TIMEOUT);
        if (written.isPresent()) {
            log.info("Node {} has not renewed its Lease for over {}: Ready is now Unknown", node.name(), gracePeriod);
            if (before != null && Condition.TRUE.equals(before.status())) {
                recorder.normal(node, "NodeNotReady", "Node %s status is now: %s", node.name(), "NodeNotReady");
            }
        }
        return written;
    }

    private void reconcileTaints(Node node, boolean unreachable, Instant now) {
        Set<NodeTaints.Key> wanted = NodeTaints.desired(node, unreachable);
        List<Taint> current = node.spec() == null ? null : node.spec().taints();
        if (NodeTaints.reconcile(current, wanted, Times.format(now)) == null) {
            return;
        }
        Optional<Node> written = update(client, Resources.NODES, node, false, latest -> {
            Set<NodeTaints.Key> stillWanted = NodeTaints.desired(latest, unreachable);
            List<Taint> taints = NodeTaints.reconcile(latest.spec() == null ? null : latest.spec().taints(),
                stillWanted, Times.format(now));
            if (taints == null) {
                return null;
            }
            NodeSpec spec = latest.spec() == null ? NodeSpec.empty() : latest.spec();
            return latest.withSpec(spec.withTaints(taints.isEmpty() ? null : taints));
        }, TIMEOUT);
        written.ifPresent(n -> log.info("Node {} taints are now {}", n.name(), describe(n.spec().taints())));
    }

    /**
     * Sets the Ready condition of every pod on the node False (Kubernetes' MarkPodsNotReady), so Services
     * stop sending them traffic at once; pods without a Ready condition never ran and are left alone.
     */
    private void markPodsNotReady(String nodeName) {
        String now = Times.format(clock.instant());
        List<RuntimeException> failures = new ArrayList<>();
        for (Pod pod : pods.byIndex(Indexes.NODE_NAME, nodeName)) {
            if (!needsNotReady(pod) || !nodeName.equals(pod.spec().nodeName())) {
                continue;
            }
            try {
                Optional<Pod> written = update(client, Resources.PODS, pod, true, latest -> {
                    if (!needsNotReady(latest)) {
                        return null;
                    }
                    List<PodCondition> conditions = new ArrayList<>(latest.status().conditions());
                    PodCondition ready = conditions.stream().filter(c -> PodCondition.READY.equals(c.type()))
                        .findFirst().orElseThrow();
                    conditions.set(conditions.indexOf(ready), new PodCondition(ready.type(), Condition.FALSE,
                        ready.lastProbeTime(), now, ready.reason(), ready.message(), ready.extra()));
                    return latest.withStatus(latest.status().withConditions(conditions));
                }, TIMEOUT);
                if (written.isPresent()) {
                    log.info("Pod {}/{} on node {} marked not ready", pod.namespace(), pod.name(), nodeName);
                    recorder.warning(written.get(), "NodeNotReady", "Node is not ready");
                }
            } catch (ApiException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0); // retried with back-off; the others are retried with it
        }
    }

    private static boolean needsNotReady(Pod pod) {
        PodStatus status = pod.status();
        if (status == null || status.conditions() == null) {
            return false;
        }
        return status.conditions().stream()
            .anyMatch(c -> PodCondition.READY.equals(c.type()) && !Condition.FALSE.equals(c.status()));
    }

    private static String describe(List<Taint> taints) {
        if (taints == null || taints.isEmpty()) {
            return "[]";
        }
        return taints.stream().map(t -> t.key() + (t.value() == null ? "" : "=" + t.value()) + ":" + t.effect())
            .toList().toString();
    }
}
