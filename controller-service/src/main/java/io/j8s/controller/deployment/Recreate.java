package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.controller.support.Pods;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Recreate strategy (Kubernetes' recreate.go): scale every old ReplicaSet to 0, wait until none of their
 * pods exists any more (terminating ones included), only then create or scale up the new ReplicaSet.
 */
final class Recreate {

    private Recreate() {
    }

    /** @param podsByReplicaSet the Deployment's pods by the uid of the ReplicaSet that controls them */
    static void rollout(DeploymentSync sync, Map<String, List<Pod>> podsByReplicaSet) {
        // The new ReplicaSet is not created yet if missing: nothing may scale up before the old pods are gone.
        DeploymentSync.Revisioned r = sync.replicaSetsWithRevision(false);
        List<ReplicaSet> all = r.all();
        boolean scaledDown = false;
        for (ReplicaSet old : DeploymentSync.active(r.oldRSs())) {
            scaledDown |= sync.scaleAndRecordEvent(old, 0).scaled();
        }
        if (scaledDown || oldPodsRunning(r.newRS(), r.oldRSs(), podsByReplicaSet)) {
            sync.syncRolloutStatus(all, r.newRS());
            return;
        }
        if (r.newRS() == null) {
            r = sync.replicaSetsWithRevision(true);
            all = r.all();
        }
        Deployment d = sync.deployment();
        sync.scaleAndRecordEvent(r.newRS(), Replicas.replicas(d));
        if (DeploymentStatuses.complete(d, DeploymentStatuses.current(d))) {
            sync.cleanup(r.oldRSs());
        }
        sync.syncRolloutStatus(all, r.newRS());
    }

    /** Old ReplicaSets still report pods, or a pod of theirs is not finished (oldPodsRunning). */
    static boolean oldPodsRunning(ReplicaSet newRS, List<ReplicaSet> oldRSs, Map<String, List<Pod>> podsByReplicaSet) {
        if (Replicas.sum(oldRSs, Replicas::statusReplicas) > 0) {
            return true;
        }
        for (Map.Entry<String, List<Pod>> entry : podsByReplicaSet.entrySet()) {
            if (newRS != null && Objects.equals(newRS.metadata().uid(), entry.getKey())) {
                continue;
            }
            for (Pod pod : entry.getValue()) {
                String phase = Pods.phase(pod);
                if (!PodStatus.FAILED.equals(phase) && !PodStatus.SUCCEEDED.equals(phase)) {
                    return true;
                }
            }
        }
        return false;
    }
}
