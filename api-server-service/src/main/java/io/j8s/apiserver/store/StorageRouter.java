package io.j8s.apiserver.store;

import io.j8s.apiserver.event.RedisEventStorage;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.storage.CachedStorage;
import io.j8s.apiserver.storage.Storage;
import org.springframework.stereotype.Component;

/** Picks each kind's store: etcd (behind the watch cache) for everything but Events, which live in Redis. */
@Component
public class StorageRouter {

    private final CachedStorage etcd;
    private final RedisEventStorage events;

    public StorageRouter(CachedStorage etcd, RedisEventStorage events) {
        this.etcd = etcd;
        this.events = events;
    }

    public Storage storageFor(ResourceDefinition definition) {
        return definition.storageKind() == ResourceDefinition.StorageKind.REDIS ? events : etcd;
    }

    public CachedStorage etcd() {
        return etcd;
    }
}
