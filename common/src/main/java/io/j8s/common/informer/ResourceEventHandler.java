package io.j8s.common.informer;

import io.j8s.common.api.meta.KubeObject;
import java.util.function.Consumer;

/**
 * Notified by a {@link SharedInformer} of changes to its cache, on the informer's dispatcher
 * thread, in order. Handlers should only turn the object into a key and enqueue it: a slow
 * handler delays every other handler of the same informer.
 */
public interface ResourceEventHandler<T> {

    /** An object appeared: from the initial list, a watch ADDED, a relist, or a late-added handler. */
    default void onAdd(T obj) {
    }

    /**
     * An object changed. On a periodic resync {@code oldObj == newObj}; compare resourceVersions to
     * tell a resync from a real change.
     */
    default void onUpdate(T oldObj, T newObj) {
    }

    /** An object is gone; {@code obj} is the last state the informer knew. */
    default void onDelete(T obj) {
    }

    /**
     * A handler for which every change is the same: {@code action} gets the added object, the new state of an
     * updated one, or the last state of a deleted one (the usual "compute the key, enqueue it").
     */
    static <T> ResourceEventHandler<T> onAnyChange(Consumer<T> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                action.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                action.accept(newObj);
            }

            @Override
            public void onDelete(T obj) {
                action.accept(obj);
            }
        };
    }

    /** A handler that enqueues the key ({@link Cache#keyOf}) of every object added, changed or deleted. */
    static <T extends KubeObject<T>> ResourceEventHandler<T> enqueueingKeys(Consumer<String> enqueue) {
        return onAnyChange(obj -> enqueue.accept(Cache.keyOf(obj)));
    }
}
