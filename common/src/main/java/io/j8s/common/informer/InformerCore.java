package io.j8s.common.informer;

import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.client.ListWatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an informer does with each list and watch event, without threads or HTTP: update the store,
 * then tell the handlers what changed. {@link SharedInformer} calls it from its one dispatcher
 * thread only; tests call it directly.
 */
final class InformerCore<T extends KubeObject<T>> {

    private static final Logger log = LoggerFactory.getLogger(InformerCore.class);

    private final String description;
    private final IndexedStore<T> store;
    private final List<ResourceEventHandler<T>> handlers = new ArrayList<>();
    private boolean listed;
    private String resourceVersion;

    InformerCore(String description, IndexedStore<T> store) {
        this.description = description;
        this.store = store;
    }

    IndexedStore<T> store() {
        return store;
    }

    /** Whether a list has been applied: the store holds a complete snapshot. */
    boolean listed() {
        return listed;
    }

    /** The resourceVersion of the last list or event applied. */
    String resourceVersion() {
        return resourceVersion;
    }

    /** Registers {@code handler} after telling it about every object already stored. */
    void addHandler(ResourceEventHandler<T> handler) {
        for (T obj : store.list()) {
            notifyOne(handler, "add", Cache.keyOf(obj), () -> handler.onAdd(obj));
        }
        handlers.add(handler);
    }

    void apply(ListWatchEvent<T> event) {
        if (event instanceof ListWatchEvent.Listed<T> listedEvent) {
            replace(listedEvent.items(), listedEvent.resourceVersion());
        } else if (event instanceof ListWatchEvent.Changed<T> changed) {
            apply(changed.event());
        }
    }

    /**
     * Makes the store exactly {@code items} and notifies the differences: new keys as adds, keys
     * whose resourceVersion changed as updates, keys no longer listed as deletes of their last state.
     */
    void replace(List<T> items, String listResourceVersion) {
        Map<String, T> fresh = new HashMap<>();
        for (T obj : items) {
            fresh.put(Cache.keyOf(obj), obj);
        }
        int added = 0;
        int updated = 0;
        int deleted = 0;
        for (String key : store.keys()) {
            if (!fresh.containsKey(key)) {
                T old = store.remove(key);
                if (old != null) {
                    deleted++;
                    notifyDelete(old);
                }
            }
        }
        for (Map.Entry<String, T> entry : fresh.entrySet()) {
            T obj = entry.getValue();
            T old = store.put(obj);
            if (old == null) {
                added++;
                notifyAdd(obj);
            } else if (!Objects.equals(resourceVersionOf(old), resourceVersionOf(obj))) {
                updated++;
                notifyUpdate(old, obj);
            }
        }
        resourceVersion = listResourceVersion;
        if (listed) {
            log.info("{}: relisted at resourceVersion {}: {} added, {} updated, {} deleted, {} objects",
                    description, listResourceVersion, added, updated, deleted, store.size());
        }
        listed = true;
    }

    void apply(WatchEvent<T> event) {
        T obj = event.object();
        if (obj == null) {
            return;
        }
        String rv = resourceVersionOf(obj);
        switch (event.type()) {
            case ADDED, MODIFIED -> {
                T old = store.put(obj);
                if (old == null) {
                    notifyAdd(obj);
                } else {
                    notifyUpdate(old, obj);
                }
            }
            case DELETED -> {
                // Like client-go, a delete of something never seen is not news to anyone.
                if (store.remove(Cache.keyOf(obj)) != null) {
                    notifyDelete(obj);
                }
            }
            case BOOKMARK -> {
                // only the version moves on
            }
            case ERROR -> {
                log.warn("{}: watch error event {}", description, obj);
                return;
            }
        }
        if (rv != null && !rv.isEmpty()) {
            resourceVersion = rv;
        }
    }

    /** Re-notifies every stored object as {@code onUpdate(obj, obj)}, so level-triggered loops look again. */
    void resync() {
        for (T obj : store.list()) {
            notifyUpdate(obj, obj);
        }
    }

    private void notifyAdd(T obj) {
        String key = Cache.keyOf(obj);
        for (ResourceEventHandler<T> handler : handlers) {
            notifyOne(handler, "add", key, () -> handler.onAdd(obj));
        }
    }

    private void notifyUpdate(T old, T obj) {
        String key = Cache.keyOf(obj);
        for (ResourceEventHandler<T> handler : handlers) {
            notifyOne(handler, "update", key, () -> handler.onUpdate(old, obj));
        }
    }

    private void notifyDelete(T obj) {
        String key = Cache.keyOf(obj);
        for (ResourceEventHandler<T> handler : handlers) {
            notifyOne(handler, "delete", key, () -> handler.onDelete(obj));
        }
    }

    private void notifyOne(ResourceEventHandler<T> handler, String what, String key, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("{}: event handler {} failed on {} of {}", description, handler, what, key, e);
        }
    }

    private static String resourceVersionOf(KubeObject<?> obj) {
        return obj.metadata() == null ? null : obj.metadata().resourceVersion();
    }
}
