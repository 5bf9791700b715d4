package io.j8s.scheduler.schedule;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.core.Pod;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.cache.SchedulerCache;
import io.j8s.scheduler.queue.ClusterEvent;
import io.j8s.scheduler.queue.SchedulingQueue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns informer events into cache and queue updates (kube-scheduler's eventhandlers.go): bound pods and nodes
 * go to the {@link SchedulerCache}; pending pods this scheduler is responsible for go to the
 * {@link SchedulingQueue}; changes that may let an unschedulable pod fit move such pods back to be tried.
 * Runs on the informers' dispatcher threads, so it only updates in-memory state.
 */
final class EventHandlers {

    private final String schedulerName;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    EventHandlers(String schedulerName, SchedulerCache cache, SchedulingQueue queue) {
        this.schedulerName = schedulerName;
        this.cache = cache;
        this.queue = queue;
    }

    ResourceEventHandler<Pod> pods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (assigned(pod)) {
                    cache.addPod(pod);
                    queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
                } else if (pendingAndOurs(pod) && !cache.isAssumed(Cache.keyOf(pod))) {
                    queue.add(pod);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (oldPod == newPod || Objects.equals(version(oldPod), version(newPod))) {
                    return; // a resync: nothing changed
                }
                if (assigned(newPod)) {
                    if (!assigned(oldPod)) {
                        queue.delete(Cache.keyOf(newPod)); // bound: by us (confirming the assumed pod) or someone else
                        cache.addPod(newPod);
                        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
                        return;
                    }
                    cache.updatePod(newPod);
                    if (SchedulerCache.terminated(newPod) && !SchedulerCache.terminated(oldPod)) {
                        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
                    } else if (!Objects.equals(labels(oldPod), labels(newPod))) {
                        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_UPDATE);
                    }
                } else if (pendingAndOurs(newPod)) {
                    if (!cache.isAssumed(Cache.keyOf(newPod))) {
                        queue.update(oldPod, newPod);
                    }
                } else {
                    queue.delete(Cache.keyOf(newPod)); // terminated while pending, or handed to another scheduler
                }
            }

            @Override
            public void onDelete(Pod pod) {
                if (assigned(pod)) {
                    cache.removePod(pod);
                    queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
                } else {
                    queue.delete(Cache.keyOf(pod));
                }
            }
        };
    }

    ResourceEventHandler<Node> nodes() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.addNode(node);
                queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (oldNode == newNode || Objects.equals(oldNode.metadata().resourceVersion(),
                    newNode.metadata().resourceVersion())) {
                    return;
                }
                cache.updateNode(newNode);
                if (schedulingRelevantChange(oldNode, newNode)) {
                    queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE);
                }
            }

            @Override
            public void onDelete(Node node) {
                cache.removeNode(node);
            }
        };
    }

    /** A pod waiting for this scheduler: no node, not terminated, and {@code schedulerName} ours (or unset). */
    boolean pendingAndOurs(Pod pod) {
        if (pod.spec() == null || assigned(pod) || SchedulerCache.terminated(pod)) {
            return false;
        }
        String name = pod.spec().schedulerName();
        return name == null || name.isEmpty() ? SchedulerProperties.DEFAULT_SCHEDULER_NAME.equals(schedulerName)
            || schedulerName.equals(name) : schedulerName.equals(name);
    }

    static boolean assigned(Pod pod) {
        return pod.spec() != null && pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty();
    }

    /**
     * Whether a node changed in something a filter reads (kube-scheduler's nodeSchedulingPropertiesChange):
     * allocatable, labels, taints, unschedulable, or the status of a condition. Heartbeats alone do not count.
     */
    static boolean schedulingRelevantChange(Node oldNode, Node newNode) {
        return !Objects.equals(allocatable(oldNode), allocatable(newNode))
            || !Objects.equals(oldNode.metadata().labelsOrEmpty(), newNode.metadata().labelsOrEmpty())
            || !Objects.equals(taints(oldNode), taints(newNode))
            || unschedulable(oldNode) != unschedulable(newNode)
            || !Objects.equals(conditionStatuses(oldNode), conditionStatuses(newNode));
    }

    private static String version(Pod pod) {
        return pod.metadata() == null ? null : pod.metadata().resourceVersion();
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.metadata() == null ? Map.of() : pod.metadata().labelsOrEmpty();
    }

    private static Map<String, String> allocatable(Node node) {
        return node.status() == null ? null : node.status().allocatable();
    }

    private static Object taints(Node node) {
        return node.spec() == null ? List.of() : node.spec().taintsOrEmpty();
    }

    private static boolean unschedulable(Node node) {
        return node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable());
    }

    private static Map<String, String> conditionStatuses(Node node) {
        List<NodeCondition> conditions = node.status() == null ? null : node.status().conditions();
        if (conditions == null) {
            return Map.of();
        }
        Map<String, String> statuses = new HashMap<>();
        for (NodeCondition condition : conditions) {
            statuses.put(condition.type(), condition.status());
        }
        return statuses;
    }
}
