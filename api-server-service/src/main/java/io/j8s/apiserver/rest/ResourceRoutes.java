package io.j8s.apiserver.rest;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Every resource path under {@code /api/v1} and {@code /apis/{group}/{version}}; discovery answers the shorter ones. */
@Configuration(proxyBeanMethods = false)
class ResourceRoutes {

    @Bean
    @Order(0)
    RouterFunction<ServerResponse> resourcePaths(ResourceHandler handler) {
        return RouterFunctions.route(path("/api/{version}/{*rest}").or(path("/apis/{group}/{version}/{*rest}")),
            handler::handle);
    }
}
