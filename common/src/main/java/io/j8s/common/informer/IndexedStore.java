package io.j8s.common.informer;

import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.labels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Cache} behind an informer: objects by key plus, per index, the keys under each index
 * value. One thread writes (the informer's dispatcher); any number read without locks. A reader may
 * see an object a moment before or after its index entries, so index lookups re-check each object
 * against the index function and never return an object that does not match.
 */
final class IndexedStore<T extends KubeObject<T>> implements Cache<T> {

    private static final Logger log = LoggerFactory.getLogger(IndexedStore.class);

    private final String description;
    private final Map<String, T> items = new ConcurrentHashMap<>();
    private final Map<String, Function<T, List<String>>> indexers = new ConcurrentHashMap<>();
    /** index name -> index value -> keys. */
    private final Map<String, Map<String, Set<String>>> indices = new ConcurrentHashMap<>();

    IndexedStore(String description) {
        this.description = description;
        addIndexer(Indexes.NAMESPACE, Indexes.namespace());
    }

    /** Registers (or replaces) an index and indexes what is already stored. */
    synchronized void addIndexer(String indexName, Function<T, List<String>> indexFunction) {
        indexers.put(indexName, indexFunction);
        Map<String, Set<String>> index = new ConcurrentHashMap<>();
        items.forEach((key, obj) -> indexValues(indexName, indexFunction, obj)
                .forEach(value -> index.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(key)));
        indices.put(indexName, index);
    }

    /** Stores {@code obj} under its key; returns what was stored there before, or null. */
    synchronized T put(T obj) {
        String key = Cache.keyOf(obj);
        T old = items.put(key, obj);
        for (Map.Entry<String, Function<T, List<String>>> indexer : indexers.entrySet()) {
            List<String> oldValues = old == null ? List.of() : indexValues(indexer.getKey(), indexer.getValue(), old);
            List<String> newValues = indexValues(indexer.getKey(), indexer.getValue(), obj);
            Map<String, Set<String>> index = indices.get(indexer.getKey());
            for (String value : newValues) {
                index.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(key);
            }
            for (String value : oldValues) {
                if (!newValues.contains(value)) {
                    removeFromIndex(index, value, key);
                }
            }
        }
        return old;
    }

    /** Removes the object under {@code key}; returns it, or null when there was none. */
    synchronized T remove(String key) {
        T old = items.remove(key);
        if (old != null) {
            for (Map.Entry<String, Function<T, List<String>>> indexer : indexers.entrySet()) {
                Map<String, Set<String>> index = indices.get(indexer.getKey());
                for (String value : indexValues(indexer.getKey(), indexer.getValue(), old)) {
                    removeFromIndex(index, value, key);
                }
            }
        }
        return old;
    }

    private static void removeFromIndex(Map<String, Set<String>> index, String value, String key) {
        index.computeIfPresent(value, (v, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }

    private List<String> indexValues(String indexName, Function<T, List<String>> indexFunction, T obj) {
        try {
            List<String> values = indexFunction.apply(obj);
            return values == null ? List.of() : values;
        } catch (RuntimeException e) {
            log.warn("{}: index {} failed on {}: {}", description, indexName, Cache.keyOf(obj), e.toString());
            return List.of();
        }
    }

    int size() {
        return items.size();
    }

    @Override
    public Optional<T> get(String namespace, String name) {
        return getByKey(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    @Override
    public Optional<T> getByKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(items.get(key));
    }

    @Override
    public List<T> list() {
        return List.copyOf(items.values());
    }

    @Override
    public List<T> list(String namespace) {
        return namespace == null ? list() : byIndex(Indexes.NAMESPACE, namespace);
    }

    @Override
    public List<T> list(String namespace, Selector selector) {
        List<T> candidates = list(namespace);
        if (selector == null || selector.isEmpty()) {
            return candidates;
        }
        List<T> matching = new ArrayList<>();
        for (T obj : candidates) {
            if (selector.matches(obj.metadata() == null ? Map.of() : obj.metadata().labelsOrEmpty())) {
                matching.add(obj);
            }
        }
        return matching;
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        Function<T, List<String>> indexFunction = indexers.get(indexName);
        if (indexFunction == null) {
            throw new IllegalArgumentException(description + " has no index named " + indexName);
        }
        Set<String> keys = indices.get(indexName).get(value);
        if (keys == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(keys.size());
        for (String key : keys) {
            T obj = items.get(key);
            if (obj != null && indexValues(indexName, indexFunction, obj).contains(value)) {
                result.add(obj);
            }
        }
        return result;
    }

    @Override
    public List<String> keys() {
        return List.copyOf(items.keySet());
    }
}
