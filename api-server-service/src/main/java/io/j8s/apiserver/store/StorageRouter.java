package io.j8s.apiserver.store;

import io.j8s.apiserver.event.RedisEventStorage;
import io.j8s.apiserver.nodeport.ServiceStorage;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.storage.EtcdStorage;
import io.j8s.apiserver.storage.Storage;
import io.j8s.common.api.Resources;
import org.springframework.stereotype.Component;

/**
 * Picks each kind's store: etcd for everything but Events, which live in Redis; Services' etcd store also
 * allocates their node ports.
 */
@Component
public class StorageRouter {

    private final EtcdStorage etcd;
    private final RedisEventStorage events;
    private final ServiceStorage services;

    public StorageRouter(EtcdStorage etcd, RedisEventStorage events, ServiceStorage services) {
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

    public EtcdStorage etcd() {
        return etcd;
    }
}
