package io.j8s.controller.replicaset;

import io.j8s.common.expectations.Expectations;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which pods a ReplicaSet has asked to delete (Kubernetes' UIDTrackingControllerExpectations). A pod's
 * deletion is seen twice, once when its deletionTimestamp is set and once when it is gone; remembering the
 * pod keys counts each deletion down exactly once.
 */
final class PodDeletionExpectations {

    private final Expectations expectations;
    private final Map<String, Set<String>> pending = new ConcurrentHashMap<>();

    PodDeletionExpectations(Expectations expectations) {
        this.expectations = expectations;
    }

    /** Before deleting: the ReplicaSet {@code rsKey} expects these pods (namespace/name) to go. */
    void expect(String rsKey, Collection<String> podKeys) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        keys.addAll(podKeys);
        pending.put(rsKey, keys);
        expectations.expectDeletions(rsKey, keys.size());
    }

    /** The informer saw {@code podKey} go (or its delete failed, so it never will). */
    void observed(String rsKey, String podKey) {
        Set<String> keys = pending.get(rsKey);
        if (keys != null && keys.remove(podKey)) {
            expectations.deletionObserved(rsKey);
        }
    }

    /** The ReplicaSet is gone: forget everything recorded for it. */
    void forget(String rsKey) {
        pending.remove(rsKey);
        expectations.delete(rsKey);
    }
}
