package io.j8s.apiserver.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * etcd with a {@link WatchCache} per kind in front of its watches: reads and writes go to etcd as before (so a
 * client always reads its own writes), watches share one etcd watch per kind, and read-modify-write updates may
 * start from the cached copy ({@link #getCached}). Each kind's cache starts when it is first needed.
 */
public final class CachedStorage implements Storage, AutoCloseable {

    private static final String REGISTRY = "/registry/";

    private final EtcdStorage etcd;
    private final WatchCacheProperties properties;
    private final Map<String, WatchCache> caches = new ConcurrentHashMap<>();

    public CachedStorage(EtcdStorage etcd, WatchCacheProperties properties) {
        this.etcd = etcd;
        this.properties = properties;
    }

    @Override
    public Mono<ObjectNode> get(String key) {
        return etcd.get(key);
    }

    @Override
    public Mono<ObjectNode> getCached(String key) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.fromSupplier(() -> cacheFor(key).get(key).orElse(null));
    }

    @Override
    public Mono<StoredList> list(String prefix, ListQuery query) {
        return etcd.list(prefix, query);
    }

    @Override
    public Mono<ObjectNode> create(String key, ObjectNode object) {
        return etcd.create(key, object);
    }

    @Override
    public Mono<ObjectNode> update(String key, ObjectNode object, long expectedRevision) {
        return etcd.update(key, object, expectedRevision);
    }

    @Override
    public Mono<ObjectNode> delete(String key, long expectedRevision) {
        return etcd.delete(key, expectedRevision);
    }

    @Override
    public Flux<StorageEvent> watch(String prefix, long afterRevision) {
        if (!properties.enabled()) {
            return etcd.watch(prefix, afterRevision);
        }
        // Deferred: the cache registers a watcher only when someone actually subscribes.
        return Flux.defer(() -> cacheFor(prefix).watch(prefix, afterRevision)
            .orElseGet(() -> etcd.watch(prefix, afterRevision)));
    }

    @Override
    public Mono<Long> currentRevision() {
        return etcd.currentRevision();
    }

    /** The cache of the kind a key or prefix belongs to ({@code /registry/<resource>/...}), started on first use. */
    private WatchCache cacheFor(String keyOrPrefix) {
        int end = keyOrPrefix.indexOf('/', REGISTRY.length());
        if (!keyOrPrefix.startsWith(REGISTRY) || end < 0) {
            throw new IllegalArgumentException("not a key of a kind: " + keyOrPrefix);
        }
        return caches.computeIfAbsent(keyOrPrefix.substring(0, end + 1), prefix -> {
            WatchCache cache = new WatchCache(prefix, etcd, properties.window());
            cache.start();
            return cache;
        });
    }

    @Override
    public void close() {
        caches.values().forEach(WatchCache::close);
    }
}
