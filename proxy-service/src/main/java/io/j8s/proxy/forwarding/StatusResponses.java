package io.j8s.proxy.forwarding;

import io.j8s.common.api.meta.Status;
import io.j8s.common.json.Json;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** The proxy's own answers (no such Service, no endpoints, every endpoint failing) as Kubernetes Status objects. */
final class StatusResponses {

    private StatusResponses() {
    }

    static Mono<Void> send(HttpServerResponse response, int code, String reason, String message) {
        byte[] body = Json.mapper().writeValueAsBytes(Status.failure(code, reason, message));
        return response.status(HttpResponseStatus.valueOf(code))
            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
            .sendByteArray(Mono.just(body))
            .then();
    }
}
