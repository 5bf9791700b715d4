package io.j8s.controller.replicaset;

import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.expectations.Expectations;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.labels.Selector;
import io.j8s.common.workqueue.WorkQueue;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns pod changes into ReplicaSet keys (Kubernetes' addPod/updatePod/deletePod of the ReplicaSet
 * controller), counting the creations and deletions a ReplicaSet is waiting for as they show up.
 */
final class PodEventHandler implements ResourceEventHandler<Pod> {

    private final Cache<ReplicaSet> replicaSets;
    private final Expectations expectations;
    private final PodDeletionExpectations deletions;
    private final WorkQueue<String> queue;

    PodEventHandler(Cache<ReplicaSet> replicaSets, Expectations expectations, PodDeletionExpectations deletions,
                    WorkQueue<String> queue) {
        this.replicaSets = replicaSets;
        this.expectations = expectations;
        this.deletions = deletions;
        this.queue = queue;
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.metadata().beingDeleted()) {
            // Seen for the first time already on its way out (e.g. after a restart): a deletion, not a creation.
            onDelete(pod);
            return;
        }
        Optional<OwnerReference> ref = pod.metadata().controllerRef();
        if (ref.isPresent()) {
            owner(pod.namespace(), ref.get()).ifPresent(rs -> {
                String key = Cache.keyOf(rs);
                expectations.creationObserved(key);
                queue.add(key);
            });
            return;
        }
        enqueueMatching(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod cur) {
        if (Objects.equals(old.metadata().resourceVersion(), cur.metadata().resourceVersion())) {
            return; // a periodic resync: nothing changed
        }
        boolean labelsChanged = !Objects.equals(old.metadata().labelsOrEmpty(), cur.metadata().labelsOrEmpty());
        if (cur.metadata().beingDeleted()) {
            // Graceful deletion: the ReplicaSet can replace it now rather than when the kubelet is done.
            onDelete(cur);
            if (labelsChanged) {
                onDelete(old);
            }
            return;
        }
        Optional<OwnerReference> curRef = cur.metadata().controllerRef();
        Optional<OwnerReference> oldRef = old.metadata().controllerRef();
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef.isPresent()) {
            owner(old.namespace(), oldRef.get()).ifPresent(rs -> queue.add(Cache.keyOf(rs)));
        }
        if (curRef.isPresent()) {
            owner(cur.namespace(), curRef.get()).ifPresent(rs -> queue.add(Cache.keyOf(rs)));
            return;
        }
        if (labelsChanged || refChanged) {
            enqueueMatching(cur);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        pod.metadata().controllerRef().flatMap(ref -> owner(pod.namespace(), ref)).ifPresent(rs -> {
            String key = Cache.keyOf(rs);
            deletions.observed(key, Cache.keyOf(pod));
            queue.add(key);
        });
    }

    /** An orphan: every ReplicaSet that would adopt it should look. */
    private void enqueueMatching(Pod pod) {
        for (ReplicaSet rs : replicaSets.list(pod.namespace())) {
            if (selects(rs, pod)) {
                queue.add(Cache.keyOf(rs));
            }
        }
    }

    static boolean selects(ReplicaSet rs, Pod pod) {
        try {
            Selector selector = Selector.from(rs.spec().selector());
            return !selector.isEmpty() && selector.matches(pod.metadata().labels());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The ReplicaSet a controller reference points at, if it is one and still the same object (same uid). */
    private Optional<ReplicaSet> owner(String namespace, OwnerReference ref) {
        if (!ReplicaSet.KIND.equals(ref.kind())) {
            return Optional.empty();
        }
        return replicaSets.get(namespace, ref.name()).filter(rs -> Objects.equals(rs.metadata().uid(), ref.uid()));
    }
}
