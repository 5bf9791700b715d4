package io.j8s.proxy.forwarding;

import io.j8s.common.api.meta.Status;
import io.j8s.common.json.Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The proxy's own answers (no such Service, no endpoints, every endpoint failing) as Kubernetes Status objects. */
final class StatusResponses {

    private StatusResponses() {
    }

    static FullHttpResponse of(int code, String reason, String message) {
        byte[] body = Json.mapper().writeValueAsBytes(Status.failure(code, reason, message));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code),
            Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
