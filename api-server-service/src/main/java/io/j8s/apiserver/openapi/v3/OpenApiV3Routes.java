package io.j8s.apiserver.openapi.v3;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.j8s.apiserver.rest.ApiException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /openapi/v3} and {@code /openapi/v3/<group-version>}, what kubectl reads for validation and
 * {@code kubectl explain}. {@code /openapi/v2} stays unserved (kubectl asks for it only as protobuf, and falls back
 * to v3). Swagger UI keeps its own document at {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiV3Routes {

    @Bean
    @Order(-20)
    RouterFunction<ServerResponse> openApiV3(OpenApiV3Documents documents) {
        return route(GET("/openapi/v3"), request -> json(documents.root(), false))
            .andRoute(GET("/openapi/v3/{*path}"), request -> document(documents, request));
    }

    private static Mono<ServerResponse> document(OpenApiV3Documents documents, ServerRequest request) {
        String path = request.pathVariable("path").replaceAll("^/+", "");
        return documents.document(path)
            .map(doc -> json(doc.json(), request.queryParam("hash").filter(doc.hash()::equals).isPresent()))
            .orElseGet(() -> Mono.error(ApiException.notFound("the server could not find the requested resource")));
    }

    /** A request naming the current hash may be cached for good, as kube-apiserver allows. */
    private static Mono<ServerResponse> json(byte[] body, boolean immutable) {
        ServerResponse.BodyBuilder response = ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
        if (immutable) {
            response.cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable());
        }
        return response.bodyValue(body);
    }
}
