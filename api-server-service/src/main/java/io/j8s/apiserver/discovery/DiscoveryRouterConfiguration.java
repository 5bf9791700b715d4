package io.j8s.apiserver.discovery;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The discovery routes. Only these exact paths: the REST router matches the longer resource paths
 * ({@code /api/{v}/{*rest}}, {@code /apis/{g}/{v}/{*rest}}), which would also match
 * {@code /api/v1} and {@code /apis/apps/v1}, so these routes are ordered before it.
 */
@Configuration(proxyBeanMethods = false)
public class DiscoveryRouterConfiguration {

    @Bean
    @Order(-10)
    public RouterFunction<ServerResponse> discoveryRoutes(DiscoveryHandler handler) {
        return routes(handler);
    }

    /** The router on its own, for tests that bind a client to it without a Spring context. */
    public static RouterFunction<ServerResponse> routes(DiscoveryHandler handler) {
        return route(GET("/version"), handler::version)
            .andRoute(GET("/api"), handler::api)
            .andRoute(GET("/apis"), handler::apis)
            .andRoute(GET("/api/{version}"), handler::coreResources)
            .andRoute(GET("/apis/{group}"), handler::apiGroup)
            .andRoute(GET("/apis/{group}/{version}"), handler::groupResources);
    }
}
