package io.j8s.apiserver.store;

import io.j8s.apiserver.event.RedisEventStorage;
import io.j8s.apiserver.nodeport.ServiceStorage;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.storage.CachedStorage;
import io.j8s.apiserver.storage.Storage;
import io.j8s.common.api.Resources;
import org.springframework.stereotype.Component;

/**
 * Picks each kind's store: etcd (behind the watch cache) for everything but Events, which live in Redis; Services'
 * store also allocates their node ports.
 */
@Component
public class StorageRouter {

    private final CachedStorage etcd;
    private final RedisEventStorage events;
    private final ServiceStorage services;

    public StorageRouter(CachedStorage etcd, RedisEventStorage events, ServiceStorage services) {
        this.etcd = etcd;
        this.events = events;
        this.services = services;
    }

    public Storage storageFor(ResourceDefinition definition) {
        if (definition.type() == Resources.SERVICES) {
            return services;
        }
        return definition.storageKind() == ResourceDefinition.StorageKind.REDIS ? events : etcd;
    }

    public CachedStorage etcd() {
        return etcd;
    }
}
