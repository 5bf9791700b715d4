package io.j8s.common.informer;

import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.labels.Selector;
import java.util.List;
import java.util.Optional;

/**
 * The local, indexed copy of the objects an informer watches (client-go's Indexer). Reads are
 * thread-safe, never block on the informer and never go to the API server; the returned objects
 * are immutable records shared with every other reader.
 */
public interface Cache<T> {

    /** The object {@code namespace/name}; namespace null or "" for cluster-scoped objects. */
    Optional<T> get(String namespace, String name);

    /** The object under a key as made by {@link #keyOf}. */
    Optional<T> getByKey(String key);

    /** Every cached object. */
    List<T> list();

    /** The objects of one namespace (null: all namespaces). */
    List<T> list(String namespace);

    /** The objects of one namespace (null: all) whose labels match {@code selector}. */
    List<T> list(String namespace, Selector selector);

    /**
     * The objects an index maps to {@code value}, e.g. {@code byIndex(Indexes.NODE_NAME, "node-1")}.
     *
     * @throws IllegalArgumentException when no index of that name was registered
     */
    List<T> byIndex(String indexName, String value);

    /** The keys of every cached object. */
    List<String> keys();

    /** {@code namespace/name}, or {@code name} for cluster-scoped objects: the key of caches and work queues. */
    static String keyOf(KubeObject<?> obj) {
        String namespace = obj.namespace();
        return namespace == null || namespace.isEmpty() ? obj.name() : namespace + "/" + obj.name();
    }
}
