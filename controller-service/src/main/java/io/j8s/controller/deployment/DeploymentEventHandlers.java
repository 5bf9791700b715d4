package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.labels.Selector;
import io.j8s.common.workqueue.WorkQueue;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns Deployment, ReplicaSet and pod changes into Deployment keys (the handlers of Kubernetes' deployment
 * controller): a ReplicaSet wakes its owner, or, as an orphan, every Deployment that would adopt it; a pod
 * that is gone wakes a Recreate Deployment waiting for its old pods to disappear.
 */
final class DeploymentEventHandlers {

    private final Cache<Deployment> deployments;
    private final Cache<ReplicaSet> replicaSets;
    private final WorkQueue<String> queue;

    DeploymentEventHandlers(Cache<Deployment> deployments, Cache<ReplicaSet> replicaSets, WorkQueue<String> queue) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.queue = queue;
    }

    ResourceEventHandler<Deployment> forDeployments() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                queue.add(Cache.keyOf(d));
            }

            @Override
            public void onUpdate(Deployment old, Deployment cur) {
                queue.add(Cache.keyOf(cur));
            }

            @Override
            public void onDelete(Deployment d) {
                queue.add(Cache.keyOf(d));
            }
        };
    }

    ResourceEventHandler<ReplicaSet> forReplicaSets() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                Optional<OwnerReference> ref = rs.metadata().controllerRef();
                if (ref.isPresent()) {
                    owner(rs.namespace(), ref.get()).ifPresent(d -> queue.add(Cache.keyOf(d)));
                    return;
                }
                enqueueMatching(rs);
            }

            @Override
            public void onUpdate(ReplicaSet old, ReplicaSet cur) {
                if (Objects.equals(old.metadata().resourceVersion(), cur.metadata().resourceVersion())) {
                    return; // a periodic resync; the Deployment's own resync covers it
                }
                Optional<OwnerReference> curRef = cur.metadata().controllerRef();
                Optional<OwnerReference> oldRef = old.metadata().controllerRef();
                boolean refChanged = !Objects.equals(curRef, oldRef);
                if (refChanged && oldRef.isPresent()) {
                    owner(old.namespace(), oldRef.get()).ifPresent(d -> queue.add(Cache.keyOf(d)));
                }
                if (curRef.isPresent()) {
                    owner(cur.namespace(), curRef.get()).ifPresent(d -> queue.add(Cache.keyOf(d)));
                    return;
                }
                if (refChanged || !Objects.equals(old.metadata().labelsOrEmpty(), cur.metadata().labelsOrEmpty())) {
                    enqueueMatching(cur);
                }
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                rs.metadata().controllerRef().flatMap(ref -> owner(rs.namespace(), ref))
                    .ifPresent(d -> queue.add(Cache.keyOf(d)));
            }
        };
    }

    ResourceEventHandler<Pod> forPods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onDelete(Pod pod) {
                pod.metadata().controllerRef()
                    .filter(ref -> ReplicaSet.KIND.equals(ref.kind()))
                    .flatMap(ref -> replicaSets.get(pod.namespace(), ref.name())
                        .filter(rs -> Objects.equals(rs.metadata().uid(), ref.uid())))
                    .flatMap(rs -> rs.metadata().controllerRef().flatMap(ref -> owner(rs.namespace(), ref)))
                    .filter(Replicas::isRecreate)
                    .ifPresent(d -> queue.add(Cache.keyOf(d)));
            }
        };
    }

    private void enqueueMatching(ReplicaSet rs) {
        for (Deployment d : deployments.list(rs.namespace())) {
            try {
                Selector selector = Selector.from(d.spec().selector());
                if (!selector.isEmpty() && selector.matches(rs.metadata().labels())) {
                    queue.add(Cache.keyOf(d));
                }
            } catch (IllegalArgumentException e) {
                // an invalid selector selects nothing
            }
        }
    }

    private Optional<Deployment> owner(String namespace, OwnerReference ref) {
        if (!Deployment.KIND.equals(ref.kind())) {
            return Optional.empty();
        }
        return deployments.get(namespace, ref.name()).filter(d -> Objects.equals(d.metadata().uid(), ref.uid()));
    }
}
