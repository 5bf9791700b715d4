package io.j8s.common.reconcile;

/**
 * Brings one object's actual state to its desired state. Level-triggered and idempotent: it gets
 * only a key, re-reads the object from an informer's cache, and treats NotFound as done. Runs on a
 * worker thread of a {@link Controller} and may block; one key is never reconciled by two workers
 * at once.
 */
@FunctionalInterface
public interface Reconciler {

    /**
     * @param key {@code namespace/name}, or {@code name} for cluster-scoped objects
     * @return what to do with the key next; an exception means a rate-limited retry
     */
    Result reconcile(String key) throws Exception;
}
