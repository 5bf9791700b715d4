package io.j8s.apiserver.security;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.j8s.apiserver.rbac.PolicyBootstrapper;
import io.j8s.apiserver.store.StorageRouter;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * kube-apiserver's health endpoints, open to everyone: {@code /livez} (the process answers), {@code /readyz} and
 * {@code /healthz} (etcd answers and the RBAC policy is loaded). Plain text {@code ok}, or 503 naming what is not.
 */
@Configuration(proxyBeanMethods = false)
class HealthRoutes {

    private static final Duration ETCD_CHECK = Duration.ofSeconds(2);

    @Bean
    @Order(-20)
    RouterFunction<ServerResponse> healthEndpoints(StorageRouter storages, PolicyBootstrapper policy) {
        return RouterFunctions.route(GET("/livez"), request -> text(200, "ok"))
            .andRoute(GET("/readyz").or(GET("/healthz")), request -> storages.etcd().currentRevision()
                .timeout(ETCD_CHECK)
                .map(revision -> policy.isReady() ? "" : "[-]rbac/bootstrap-roles failed: not loaded yet\n")
                .onErrorResume(e -> Mono.just("[-]etcd failed: " + e.getMessage() + "\n"
                    + (policy.isReady() ? "" : "[-]rbac/bootstrap-roles failed: not loaded yet\n")))
                .flatMap(failures -> failures.isEmpty() ? text(200, "ok")
                    : text(503, failures + "readyz check failed")));
    }

    private static Mono<ServerResponse> text(int code, String body) {
        return ServerResponse.status(code).contentType(MediaType.TEXT_PLAIN).bodyValue(body);
    }
}
