package io.j8s.apiserver.rest;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every failed request answers a Kubernetes {@code Status}, which kubectl prints as
 * {@code Error from server (Reason): message}. Client mistakes are 4xx; storage outages are 503; only a bug
 * in the server is a 500, and it is logged with its stack trace.
 */
@Component
@Order(-3)
public class StatusErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StatusErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ApiException status = toApiException(exchange, error);
        response.setStatusCode(HttpStatusCode.valueOf(status.code()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = response.bufferFactory().wrap(Json.mapper().writeValueAsBytes(statusOf(status)));
        return response.writeWith(Mono.just(body));
    }

    private static ApiException toApiException(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof StorageException.Unavailable unavailable) {
            return ApiException.unavailable("the storage backend is unavailable, try again later: "
                + unavailable.getMessage());
        }
        if (error instanceof StorageException.Expired) {
            return ApiException.gone("too old resource version");
        }
        if (error instanceof DataBufferLimitException) {
            return ApiException.tooLarge("the request is larger than the server accepts");
        }
        if (error instanceof ServerWebInputException input) {
            return ApiException.badRequest(input.getReason() == null ? "bad request" : input.getReason());
        }
        if (error instanceof ResponseStatusException statusError) {
            int code = statusError.getStatusCode().value();
            if (code == 404) {
                return ApiException.notFound("the server could not find the requested resource");
            }
            if (code == 405) {
                return ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
            }
            if (code == 406 || code == 415) {
                return new ApiException(code, code == 406 ? "NotAcceptable" : "UnsupportedMediaType",
                    String.valueOf(statusError.getReason()), null, null, null, null);
            }
            if (code < 500) {
                return new ApiException(code, "BadRequest", String.valueOf(statusError.getReason()),
                    null, null, null, null);
            }
        }
        log.error("Unexpected error serving {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
            error);
        return new ApiException(500, "InternalError", "an error on the server (\"" + error.getMessage()
            + "\") has prevented the request from succeeding", null, null, null, null);
    }

    /** The Kubernetes Status body of a failed request. */
    public static ObjectNode statusOf(ApiException error) {
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", error.getMessage());
        status.put("reason", error.reason());
        if (error.name() != null || error.kind() != null || !error.causes().isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (error.name() != null) {
                details.put("name", error.name());
            }
            if (error.group() != null && !error.group().isEmpty()) {
                details.put("group", error.group());
            }
            if (error.kind() != null) {
                details.put("kind", error.kind());
            }
            if (!error.causes().isEmpty()) {
                ArrayNode causes = details.putArray("causes");
                for (FieldError cause : error.causes()) {
                    causes.addObject().put("reason", cause.reason().name()).put("message", cause.message())
                        .put("field", cause.field());
                }
            }
        }
        status.put("code", error.code());
        return status;
    }
}
