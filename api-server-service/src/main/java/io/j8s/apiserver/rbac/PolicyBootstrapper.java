package io.j8s.apiserver.rbac;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.store.ResourceStore;
import io.j8s.apiserver.store.Subresource;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.json.Json;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores the {@link BootstrapPolicy} at startup (as kube-apiserver's rbac/bootstrap-roles post-start hook): missing
 * roles and bindings are created, and those still marked {@code rbac.authorization.kubernetes.io/autoupdate: "true"}
 * are put back to their defaults. The policy is ready once every one of them is in the {@link RbacCache}; until
 * then RBAC holds its answers back. Keeps retrying in the background while etcd is unreachable.
 */
@Component
@Order(0)
public class PolicyBootstrapper implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyBootstrapper.class);

    private final ResourceStore store;
    private final RbacCache cache;
    private final ResourceDefinition clusterRoles;
    private final ResourceDefinition clusterRoleBindings;
    private final Sinks.Empty<Void> readySink = Sinks.empty();
    private volatile boolean ready;
    private Disposable running;

    public PolicyBootstrapper(ResourceStore store, RbacCache cache, ResourceRegistry registry) {
        this.store = store;
        this.cache = cache;
        this.clusterRoles = registry.find("rbac.authorization.k8s.io", "v1", "clusterroles").orElseThrow();
        this.clusterRoleBindings = registry.find("rbac.authorization.k8s.io", "v1", "clusterrolebindings")
            .orElseThrow();
    }

    public boolean isReady() {
        return ready;
    }

    /** Completes once the bootstrap policy is stored and cached. */
    public Mono<Void> ready() {
        return readySink.asMono();
    }

    @Override
    public void run(ApplicationArguments args) {
        cache.start();
        List<ObjectNode> roles = BootstrapPolicy.clusterRoles().stream().map(PolicyBootstrapper::tree).toList();
        List<ObjectNode> bindings = BootstrapPolicy.clusterRoleBindings().stream().map(PolicyBootstrapper::tree)
            .toList();
        running = Flux.fromIterable(roles).concatMap(role -> ensure(clusterRoles, role))
            .thenMany(Flux.fromIterable(bindings).concatMap(binding -> ensure(clusterRoleBindings, binding)))
            .then()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(signal -> log.warn("Cannot store the RBAC bootstrap policy yet: {}",
                    signal.failure().getMessage())))
            .then(Mono.defer(() -> cached(roles, bindings) ? Mono.just(true) : Mono.<Boolean>empty())
                .repeatWhenEmpty(Integer.MAX_VALUE, repeats -> repeats.delayElements(Duration.ofMillis(50))))
            .subscribe(done -> {
                ready = true;
                readySink.tryEmitEmpty();
                log.info("RBAC bootstrap policy ready: {} cluster roles, {} cluster role bindings", roles.size(),
                    bindings.size());
            }, error -> log.error("RBAC bootstrap failed", error));
    }

    /** Creates {@code wanted}, or puts an existing copy back to it when that copy allows automatic updates. */
    private Mono<Void> ensure(ResourceDefinition def, ObjectNode wanted) {
        String name = wanted.path("metadata").path("name").asString();
        return store.create(def, null, wanted.deepCopy(), false)
            .doOnNext(created -> log.info("Created {} {}", def.kind(), name))
            .then()
            .onErrorResume(ApiException.class, e -> e.code() != 409 ? Mono.error(e)
                : store.get(def, null, name).flatMap(current -> reconcile(def, name, current, wanted)));
    }

    private Mono<Void> reconcile(ResourceDefinition def, String name, ObjectNode current, ObjectNode wanted) {
        JsonNode autoupdate = current.path("metadata").path("annotations").get(BootstrapPolicy.AUTOUPDATE);
        if (autoupdate == null || !"true".equals(autoupdate.asString()) || sameContent(current, wanted)) {
            return Mono.empty();
        }
        ObjectNode updated = current.deepCopy();
        for (String field : List.of("rules", "subjects", "roleRef")) {
            updated.remove(field);
            if (wanted.has(field)) {
                updated.set(field, wanted.get(field).deepCopy());
            }
        }
        return store.update(def, null, name, updated, Subresource.MAIN, false)
            .doOnNext(written -> log.info("Reset {} {} to its defaults", def.kind(), name))
            .then();
    }

    private static boolean sameContent(ObjectNode current, ObjectNode wanted) {
        for (String field : List.of("rules", "subjects", "roleRef")) {
            JsonNode a = current.get(field);
            JsonNode b = wanted.get(field);
            boolean emptyA = a == null || a.isNull() || a.isEmpty();
            boolean emptyB = b == null || b.isNull() || b.isEmpty();
            if (emptyA != emptyB || !emptyA && !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    private boolean cached(List<ObjectNode> roles, List<ObjectNode> bindings) {
        return cache.synced()
            && roles.stream().allMatch(r -> cache.hasClusterRole(r.path("metadata").path("name").asString()))
            && bindings.stream().allMatch(b -> cache.hasClusterRoleBinding(b.path("metadata").path("name").asString()));
    }

    private static ObjectNode tree(KubeObject<?> object) {
        return (ObjectNode) Json.mapper().valueToTree(object);
    }

    @PreDestroy
    void stop() {
        if (running != null) {
            running.dispose();
        }
    }
}
