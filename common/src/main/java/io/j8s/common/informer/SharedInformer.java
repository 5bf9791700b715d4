package io.j8s.common.informer;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps a local cache of one kind (in one namespace or all, optionally filtered by selectors) in
 * step with the API server, and tells handlers what changed: client-go's SharedIndexInformer.
 * Lists, then watches from the list's resourceVersion through {@link ApiClient#listAndWatch}; every
 * (re)list replaces the cache and notifies the differences, so a relist after 410 Expired leaves the
 * cache exactly as the server has it. Handlers run on one dispatcher thread per informer, in order;
 * Netty threads only enqueue.
 */
public final class SharedInformer<T extends KubeObject<T>> {

    /**
     * @param namespace    the namespace to watch, null for all (ignored for cluster-scoped kinds)
     * @param options      label/field selectors of the list and watch; {@link ListOptions#NONE} for everything
     * @param resyncPeriod how often every cached object is re-notified as {@code onUpdate(obj, obj)};
     *                     {@link Duration#ZERO} for never
     */
    public SharedInformer(ApiClient client, ResourceType<T> type, String namespace, ListOptions options,
            Duration resyncPeriod) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Adds a handler. Before start it sees everything from the first list on; added after the cache
     * has objects, it first gets {@code onAdd} for each of them, then the live changes.
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Registers an index (see {@link Indexes}) before {@link #start()}.
     *
     * @throws IllegalStateException after start
     */
    public void addIndexer(String indexName, Function<T, List<String>> indexFunction) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Starts listing and watching in the background; returns at once. */
    public void start() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Cancels the watch and stops the dispatcher; the cache keeps its last contents. */
    public void stop() {
        throw new UnsupportedOperationException("in progress");
    }

    /** True once the first list is in the cache and its notifications were handed to the handlers. */
    public boolean hasSynced() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Blocks until {@link #hasSynced()} or the timeout; returns whether it synced. */
    public boolean waitForSync(Duration timeout) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The informer's cache, readable from any thread. */
    public Cache<T> cache() {
        throw new UnsupportedOperationException("in progress");
    }

    public ResourceType<T> type() {
        throw new UnsupportedOperationException("in progress");
    }
}
