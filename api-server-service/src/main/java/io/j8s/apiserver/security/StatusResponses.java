package io.j8s.apiserver.security;

import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.rest.StatusErrorHandler;
import io.j8s.common.json.Json;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes the 401 and 403 of the security filters as the same Kubernetes Status bodies every other error gets. */
final class StatusResponses {

    static final ApiException UNAUTHORIZED = new ApiException(401, "Unauthorized", "Unauthorized", null, null, null,
        null);

    private StatusResponses() {
    }

    static Mono<Void> write(ServerWebExchange exchange, ApiException error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(error.code()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = Json.mapper().writeValueAsBytes(StatusErrorHandler.statusOf(error));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
