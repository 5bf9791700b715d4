package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The RollingUpdate strategy (Kubernetes' rolling.go): one step per sync. Grow the new ReplicaSet while the
 * total stays within replicas + maxSurge; otherwise shrink old ones while at least replicas - maxUnavailable
 * stay available, unhealthy old pods first; when the rollout is complete, clean up old revisions.
 */
final class RollingUpdate {

    private RollingUpdate() {
    }

    static void rollout(DeploymentSync sync) {
        DeploymentSync.Revisioned r = sync.replicaSetsWithRevision(true);
        List<ReplicaSet> all = r.all();
        if (reconcileNewReplicaSet(sync, all, r.newRS())) {
            sync.syncRolloutStatus(all, r.newRS());
            return;
        }
        if (reconcileOldReplicaSets(sync, all, DeploymentSync.active(r.oldRSs()), r.newRS())) {
            sync.syncRolloutStatus(all, r.newRS());
            return;
        }
        Deployment d = sync.deployment();
        if (DeploymentStatuses.complete(d, DeploymentStatuses.current(d))) {
            sync.cleanup(r.oldRSs());
        }
        sync.syncRolloutStatus(all, r.newRS());
    }

    private static boolean reconcileNewReplicaSet(DeploymentSync sync, List<ReplicaSet> all, ReplicaSet newRS) {
        Deployment d = sync.deployment();
        int wanted = Replicas.replicas(d);
        if (Replicas.replicas(newRS) == wanted) {
            return false;
        }
        if (Replicas.replicas(newRS) > wanted) {
            return sync.scaleAndRecordEvent(newRS, wanted).scaled();
        }
        return sync.scaleAndRecordEvent(newRS, Replicas.newReplicaSetReplicas(d, all, newRS)).scaled();
    }

    /**
     * Scales old ReplicaSets down by what availability allows: all pods minus the minimum available minus the
     * new ReplicaSet's unavailable pods, so a broken new template never eats into the old pods' availability.
     */
    private static boolean reconcileOldReplicaSets(DeploymentSync sync, List<ReplicaSet> all, List<ReplicaSet> oldRSs,
                                                   ReplicaSet newRS) {
        if (Replicas.sum(oldRSs, Replicas::replicas) == 0) {
            return false;
        }
        Deployment d = sync.deployment();
        int allPods = Replicas.sum(all, Replicas::replicas);
        int minAvailable = Replicas.replicas(d) - Replicas.maxUnavailable(d);
        int newUnavailable = Replicas.replicas(newRS) - Replicas.availableReplicas(newRS);
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        List<ReplicaSet> old = new ArrayList<>(oldRSs);
        int cleanedUp = cleanupUnhealthyReplicas(sync, old, maxScaledDown);
        List<ReplicaSet> afterCleanup = new ArrayList<>(old);
        afterCleanup.add(newRS);
        int scaledDown = scaleDownOldReplicaSets(sync, afterCleanup, old);
        return cleanedUp + scaledDown > 0;
    }

    /**
     * Takes unavailable replicas out of old ReplicaSets first, oldest first (the ReplicaSet controller deletes
     * its not-ready pods first); they do not count toward availability, so removing them costs nothing.
     * Replaces the entries of {@code oldRSs} it scaled with their new state.
     */
    private static int cleanupUnhealthyReplicas(DeploymentSync sync, List<ReplicaSet> oldRSs, int maxCleanup) {
        oldRSs.sort(Replicas.OLDEST_FIRST);
        int total = 0;
        for (int i = 0; i < oldRSs.size() && total < maxCleanup; i++) {
            ReplicaSet rs = oldRSs.get(i);
            int replicas = Replicas.replicas(rs);
            int unhealthy = replicas - Replicas.availableReplicas(rs);
            if (replicas == 0 || unhealthy <= 0) {
                continue;
            }
            int count = Math.min(maxCleanup - total, unhealthy);
            oldRSs.set(i, sync.scaleAndRecordEvent(rs, replicas - count).rs());
            total += count;
        }
        return total;
    }

    /**
     * Scales old ReplicaSets down, oldest first, by the available pods above the minimum.
     *
     * <p>Unlike Kubernetes, a ReplicaSet counts at most {@code spec.replicas} available pods: right after a
     * scale-down its status still counts the pods about to be deleted, and a second step taken on that count
     * (say because a new pod just became ready) would take availability below the minimum.
     */
    private static int scaleDownOldReplicaSets(DeploymentSync sync, List<ReplicaSet> all, List<ReplicaSet> oldRSs) {
        Deployment d = sync.deployment();
        int minAvailable = Replicas.replicas(d) - Replicas.maxUnavailable(d);
        int available = Replicas.sum(all, rs -> Math.min(Replicas.availableReplicas(rs), Replicas.replicas(rs)));
        if (available <= minAvailable) {
            return 0;
        }
        List<ReplicaSet> ordered = new ArrayList<>(oldRSs);
        ordered.sort(Replicas.OLDEST_FIRST);
        int target = available - minAvailable;
        int total = 0;
        for (ReplicaSet rs : ordered) {
            if (total >= target) {
                break;
            }
            int replicas = Replicas.replicas(rs);
            if (replicas == 0) {
                continue;
            }
            int count = Math.min(replicas, target - total);
            sync.scaleAndRecordEvent(rs, replicas - count);
            total += count;
        }
        return total;
    }
}
