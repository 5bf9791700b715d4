package io.j8s.scheduler.queue;

import java.util.Set;

/**
 * A change in the cluster that may let an unschedulable pod fit, and which plugins' rejections it can undo
 * (kube-scheduler's ClusterEvent and each plugin's EventsToRegister, in one table). A pod moves back to be
 * tried again only on an event that can undo one of the rejections it got; a pod rejected by a plugin this
 * table does not know moves on every event.
 */
public enum ClusterEvent {

    /** A node appeared: any filter may pass on it. */
    NODE_ADD(null),
    /** A node changed what scheduling looks at (allocatable, labels, taints, unschedulable, readiness). */
    NODE_UPDATE(null),
    /** A pod left a node (deleted, terminated, or its binding failed): room, ports and anti-affinity freed. */
    ASSIGNED_POD_DELETE(Set.of("NodeResourcesFit", "NodePorts", "InterPodAffinity")),
    /** A pod was bound: only pod affinity can newly be satisfied by it. */
    ASSIGNED_POD_ADD(Set.of("InterPodAffinity")),
    /** A bound pod's labels changed: pod (anti-)affinity may now see it differently. */
    ASSIGNED_POD_UPDATE(Set.of("InterPodAffinity"));

    private static final Set<String> KNOWN = Set.of("NodeUnschedulable", "NodeReady", "NodeName", "TaintToleration",
        "NodeAffinity", "NodePorts", "NodeResourcesFit", "InterPodAffinity");

    /** Plugins whose rejection this event can undo; null: every plugin's. */
    private final Set<String> undoes;

    ClusterEvent(Set<String> undoes) {
        this.undoes = undoes;
    }

    /** Whether this event may let a pod fit that the given plugins rejected (empty: no plugin, e.g. no nodes). */
    public boolean mayHelp(Set<String> rejectedBy) {
        if (undoes == null || rejectedBy.isEmpty()) {
            return true;
        }
        for (String plugin : rejectedBy) {
            if (undoes.contains(plugin) || !KNOWN.contains(plugin)) {
                return true;
            }
        }
        return false;
    }
}
