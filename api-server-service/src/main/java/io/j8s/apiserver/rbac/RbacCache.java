package io.j8s.apiserver.rbac;

import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.store.StorageRouter;
import io.j8s.common.api.rbac.ClusterRole;
import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.Role;
import io.j8s.common.api.rbac.RoleBinding;
import io.j8s.common.json.Json;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RBAC objects in memory, kept current like an informer (list, then watch from the list's revision, relist on
 * any failure) from the API server's own storage, so authorizing a request reads no etcd. Each kind is swapped
 * whole on every change: readers always see a consistent map, and RBAC objects change rarely.
 */
@Component
public class RbacCache implements PolicySource {

    private static final Logger log = LoggerFactory.getLogger(RbacCache.class);

    private final Storage storage;
    private final Kind<ClusterRole> clusterRoles = new Kind<>("clusterroles", ClusterRole.class);
    private final Kind<Role> roles = new Kind<>("roles", Role.class);
    private final Kind<ClusterRoleBinding> clusterRoleBindings =
        new Kind<>("clusterrolebindings", ClusterRoleBinding.class);
    private final Kind<RoleBinding> roleBindings = new Kind<>("rolebindings", RoleBinding.class);
    private final Disposable.Composite running = Disposables.composite();
    private volatile Map<String, List<RoleBinding>> roleBindingsByNamespace = Map.of();

    public RbacCache(StorageRouter storages) {
        this.storage = storages.etcd();
    }

    /** Starts listing and watching; called once the server is up (the policy bootstrapper does). */
    public synchronized void start() {
        if (running.size() > 0) {
            return;
        }
        for (Kind<?> kind : List.of(clusterRoles, roles, clusterRoleBindings, roleBindings)) {
            running.add(informer(kind));
        }
    }

    /** Every kind has been listed once: the cache answers for everything etcd held at some revision. */
    public boolean synced() {
        return clusterRoles.synced && roles.synced && clusterRoleBindings.synced && roleBindings.synced;
    }

    @Override
    public Optional<List<PolicyRule>> clusterRoleRules(String name) {
        return Optional.ofNullable(clusterRoles.byKey.get(name)).map(ClusterRole::rules);
    }

    @Override
    public Optional<List<PolicyRule>> roleRules(String namespace, String name) {
        return Optional.ofNullable(roles.byKey.get(namespace + "/" + name)).map(Role::rules);
    }

    @Override
    public Collection<ClusterRoleBinding> clusterRoleBindings() {
        return clusterRoleBindings.byKey.values();
    }

    @Override
    public List<RoleBinding> roleBindings(String namespace) {
        return roleBindingsByNamespace.getOrDefault(namespace, List.of());
    }

    /** Whether the cache holds a ClusterRole / ClusterRoleBinding of this name (the bootstrapper waits for them). */
    public boolean hasClusterRole(String name) {
        return clusterRoles.byKey.containsKey(name);
    }

    public boolean hasClusterRoleBinding(String name) {
        return clusterRoleBindings.byKey.containsKey(name);
    }

    private <T> Disposable informer(Kind<T> kind) {
        String prefix = "/registry/" + kind.resource + "/";
        return Flux.defer(() -> storage.list(prefix, ListQuery.all()).flatMapMany(list -> {
                Map<String, T> fresh = new LinkedHashMap<>();
                for (ObjectNode item : list.items()) {
                    kind.decode(item).ifPresent(value -> fresh.put(key(item), value));
                }
                kind.replace(fresh);
                changed(kind);
                if (!kind.synced) {
                    kind.synced = true;
                    log.info("RBAC cache: {} {} listed", fresh.size(), kind.resource);
                }
                return storage.watch(prefix, list.revision());
            }))
            .doOnNext(event -> apply(kind, event))
            .repeat() // a watch that ends is resumed by a fresh list
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(signal -> log.debug("RBAC cache: relisting {} after {}", kind.resource,
                    signal.failure().toString())))
            .subscribe();
    }

    private <T> void apply(Kind<T> kind, StorageEvent event) {
        switch (event.type()) {
            case PUT -> {
                ObjectNode object = event.object();
                Optional<T> value = kind.decode(object);
                if (value.isPresent()) {
                    kind.put(key(object), value.get());
                } else {
                    kind.remove(key(object));
                }
            }
            case DELETE -> kind.remove(key(event.previous()));
            case PROGRESS -> {
                return;
            }
        }
        changed(kind);
    }

    private void changed(Kind<?> kind) {
        if (kind == roleBindings) {
            Map<String, List<RoleBinding>> byNamespace = new HashMap<>();
            roleBindings.byKey.forEach((key, binding) -> byNamespace
                .computeIfAbsent(key.substring(0, key.indexOf('/')), ns -> new ArrayList<>()).add(binding));
            roleBindingsByNamespace = Map.copyOf(byNamespace);
        }
    }

    /** {@code namespace/name} for namespaced objects, {@code name} otherwise. */
    private static String key(ObjectNode object) {
        String namespace = object.path("metadata").path("namespace").asString("");
        String name = object.path("metadata").path("name").asString("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @PreDestroy
    void stop() {
        running.dispose();
    }

    /** One RBAC kind: its objects by key, replaced as a whole on each change. */
    private static final class Kind<T> {
        final String resource;
        final Function<ObjectNode, T> decoder;
        volatile Map<String, T> byKey = Map.of();
        volatile boolean synced;

        Kind(String resource, Class<T> type) {
            this.resource = resource;
            this.decoder = node -> Json.convert(node, type);
        }

        Optional<T> decode(ObjectNode node) {
            try {
                return Optional.of(decoder.apply(node));
            } catch (RuntimeException e) {
                log.warn("RBAC cache: ignoring {} {}: {}", resource, key(node), e.getMessage());
                return Optional.empty();
            }
        }

        synchronized void replace(Map<String, T> values) {
            byKey = Map.copyOf(values);
        }

        synchronized void put(String key, T value) {
            Map<String, T> copy = new HashMap<>(byKey);
            copy.put(key, value);
            byKey = Map.copyOf(copy);
        }

        synchronized void remove(String key) {
            if (byKey.containsKey(key)) {
                Map<String, T> copy = new HashMap<>(byKey);
                copy.remove(key);
                byKey = Map.copyOf(copy);
            }
        }
    }
}
