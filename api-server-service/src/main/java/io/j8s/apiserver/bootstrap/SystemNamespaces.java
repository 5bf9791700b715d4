package io.j8s.apiserver.bootstrap;

import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.store.ResourceStore;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes sure {@code default}, {@code kube-system} and {@code kube-node-lease} exist, as on every Kubernetes
 * cluster. Runs in the background and keeps retrying while etcd is unreachable, so the server starts (and
 * answers 503s) even when etcd is not up yet.
 */
@Component
class SystemNamespaces implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SystemNamespaces.class);
    static final List<String> NAMES = List.of("default", "kube-system", "kube-node-lease");

    private final ResourceStore store;
    private final ResourceRegistry registry;
    private Disposable running;

    SystemNamespaces(ResourceStore store, ResourceRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        var namespaces = registry.find("", "v1", "namespaces").orElseThrow();
        running = Flux.fromIterable(NAMES)
            .concatMap(name -> store.create(namespaces, null, namespace(name), false)
                .doOnNext(created -> log.info("Created namespace {}", name))
                .then()
                .onErrorResume(ApiException.class, e -> e.code() == 409 ? Mono.empty() : Mono.error(e)))
            .then()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(signal -> log.warn("Cannot create the system namespaces yet: {}",
                    signal.failure().getMessage())))
            .subscribe();
    }

    private static ObjectNode namespace(String name) {
        ObjectNode namespace = Json.mapper().createObjectNode();
        namespace.put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", name);
        return namespace;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (running != null) {
            running.dispose();
        }
    }
}
