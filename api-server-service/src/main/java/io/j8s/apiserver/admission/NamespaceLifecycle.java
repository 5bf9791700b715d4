package io.j8s.apiserver.admission;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.store.StorageRouter;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Kubernetes' NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted, and the
 * namespaces every cluster relies on cannot be deleted.
 */
@Component
class NamespaceLifecycle implements AdmissionPlugin {

    /** Namespaces Kubernetes refuses to delete. */
    static final Set<String> IMMORTAL_NAMESPACES = Set.of("default", "kube-system", "kube-public");

    private final ResourceDefinition namespaces;
    private final Storage storage;

    NamespaceLifecycle(ResourceRegistry registry, StorageRouter storages) {
        this.namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        this.storage = storages.storageFor(namespaces);
    }

    @Override
    public Mono<Void> admit(AdmissionRequest request) {
        ResourceDefinition def = request.definition();
        if (request.operation() == AdmissionRequest.Operation.DELETE && def == namespaces
            && IMMORTAL_NAMESPACES.contains(request.name())) {
            return Mono.error(ApiException.forbidden(
                "namespaces \"" + request.name() + "\" is forbidden: this namespace may not be deleted"));
        }
        if (request.operation() == AdmissionRequest.Operation.CREATE && def.namespaced()) {
            return requireActive(request.namespace());
        }
        return Mono.empty();
    }

    private Mono<Void> requireActive(String namespace) {
        String key = namespaces.key(null, namespace);
        // The cached namespace answers the common case (it exists and is active) without a read; anything else is
        // confirmed against etcd, so a namespace created a moment ago is never refused.
        return storage.getCached(key)
            .filter(ns -> !ns.path("metadata").has("deletionTimestamp"))
            .hasElement()
            .flatMap(active -> active ? Mono.<Void>empty() : requireActiveInStore(key, namespace));
    }

    private Mono<Void> requireActiveInStore(String key, String namespace) {
        return storage.get(key)
            .onErrorMap(StorageException.NotFound.class, e -> ApiException.notFound("", "namespaces", namespace))
            .flatMap(ns -> {
                if (ns.path("metadata").has("deletionTimestamp")) {
                    return Mono.error(ApiException.forbidden("unable to create new content in namespace " + namespace
                        + " because it is being terminated"));
                }
                return Mono.empty();
            });
    }
}
