package io.j8s.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** What users do: HTTP requests to the proxy, naming the Service by Host header or path, optionally from another client address. */
final class ProxyClient {

    record Reply(int status, String body, HttpHeaders headers) {
    }

    private final HttpClient client;

    ProxyClient(int port) {
        this(HttpClient.create(ConnectionProvider.create("proxy-test", 64)).baseUrl("http://127.0.0.1:" + port));
    }

    private ProxyClient(HttpClient client) {
        this.client = client.responseTimeout(Duration.ofSeconds(30));
    }

    /** The same requests sent from {@code sourceIp} (any 127.x.y.z address is this machine). */
    ProxyClient from(String sourceIp) {
        return new ProxyClient(client.bindAddress(() -> new InetSocketAddress(sourceIp, 0)));
    }

    /** To another port, e.g. a node port. */
    ProxyClient port(int port) {
        return new ProxyClient(client.baseUrl("http://127.0.0.1:" + port));
    }

    Reply get(String host, String path) {
        return request(HttpMethod.GET, host, path, null);
    }

    Reply request(HttpMethod method, String host, String path, String body) {
        return client.headers(h -> {
                if (host != null) {
                    h.set(HttpHeaderNames.HOST, host);
                }
            })
            .request(method).uri(path)
            .send(body == null ? Mono.empty() : Mono.just(io.netty.buffer.Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)))
            .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(text -> new Reply(response.status().code(), text, response.responseHeaders())))
            .block(Duration.ofSeconds(40));
    }

    HttpClient raw() {
        return client;
    }
}
