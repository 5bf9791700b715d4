package io.j8s.proxy.forwarding;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.metrics.RouteMetrics;
import io.j8s.proxy.routing.Endpoint;
import io.j8s.proxy.routing.PortRoute;
import io.j8s.proxy.routing.ServiceRoute;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends a request to one of a service port's ready endpoints and streams the answer back, failing over to the next
 * endpoint when one refuses or resets the connection before answering.
 *
 * <p>Which endpoint: the client's own one under ClientIP session affinity, otherwise the next in the port's round
 * robin; ejected endpoints (see {@link EndpointHealth}) are skipped. When to fail over: always if the endpoint never
 * got the request (the connection failed), otherwise only for idempotent requests without a body (GET, HEAD, ...),
 * which can be repeated without harm and without replaying a body already streamed away. Each endpoint is tried once,
 * and the one that reset once more, since a kept-alive connection the pod closed while idle resets too.
 *
 * <p>Bodies are streamed both ways with backpressure: a buffer is read from one side only when the other side can
 * take it, so neither body is ever held whole. Connections to endpoints are pooled and kept alive.
 */
@Component
public class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
        HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final HttpClient client;
    private final EndpointHealth health;

    public Forwarder(ProxyProperties properties, EndpointHealth health) {
        this.health = health;
        ConnectionProvider pool = ConnectionProvider.builder("j8s-proxy")
            .maxConnections(properties.maxConnectionsPerEndpoint())
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(properties.idleTimeout())
            .evictInBackground(properties.idleTimeout())
            .build();
        this.client = HttpClient.create(pool)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
            .keepAlive(true)
            // Failing over is decided here, knowing whether a request may be repeated; Reactor Netty's own retry does not.
            .disableRetry(true);
    }

    /** Forwards to {@code port}'s endpoints; completes when the response has been streamed to the client. */
    public Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, ServiceRoute route,
                              PortRoute port, String path) {
        return new Exchange(request, response, route, port, path).attempt();
    }

    /** One request on its way through the proxy: the endpoints tried so far, and whether it may try another. */
    final class Exchange {

        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final ServiceRoute route;
        private final PortRoute port;
        private final String path;
        private final RouteMetrics metrics;
        private final String clientIp;
        private final boolean hasBody;
        private final boolean repeatable;
        private final List<Endpoint> ready;
        /** This request's round-robin position, taken only when the request needs one (not when its affine pod answers). */
        private int start = -1;
        private final Endpoint affine;
        private HttpHeaders headers;
        /** -1: the affine endpoint; 0..n-1: the round robin from {@link #start}. */
        private int cursor = -1;
        private Endpoint resetBy;
        private boolean resetRetried;
        private final List<String> failures = new ArrayList<>(2);
        private volatile boolean sent;
        private volatile boolean answered;
        private volatile boolean clientFailed;

        Exchange(HttpServerRequest request, HttpServerResponse response, ServiceRoute route, PortRoute port,
                 String path) {
            this.request = request;
            this.response = response;
            this.route = route;
            this.port = port;
            this.path = path;
            this.metrics = port.state().metrics();
            this.clientIp = clientIp(request);
            this.hasBody = Headers.hasBody(request.requestHeaders());
            this.repeatable = !hasBody && IDEMPOTENT.contains(request.method());
            this.ready = port.ready();
            this.affine = route.affinity().clientIp()
                ? port.state().balancer().affine(clientIp, ready, System.nanoTime()) : null;
        }

        Mono<Void> attempt() {
            Endpoint endpoint = next();
            if (endpoint == null) {
                return allFailed();
            }
            CircuitBreaker breaker = health.breaker(endpoint);
            long started = System.nanoTime();
            sent = false;
            return send(endpoint, breaker, started).doOnCancel(() -> {
                if (!answered) {
                    breaker.releasePermission();
                }
            }).onErrorResume(error -> {
                if (answered) {
                    // The pod or the client broke off mid-response: nothing to fail over to, the client sees the cut.
                    return Mono.error(error);
                }
                if (clientFailed || !(error instanceof IOException)) {
                    breaker.releasePermission();
                    if (!clientFailed) {
                        log.warn("Service {}: forwarding to {} failed unexpectedly", route.key(), endpoint, error);
                    }
                    return clientFailed ? Mono.error(error) : allFailed();
                }
                breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
                failures.add(endpoint.address() + ": " + describe(error));
                boolean refused = !sent || error instanceof ConnectException;
                if (!refused) {
                    resetBy = endpoint;
                }
                if (!sent || repeatable) {
                    metrics.failover();
                    return attempt();
                }
                return allFailed();
            });
        }

        private Mono<Void> send(Endpoint endpoint, CircuitBreaker breaker, long started) {
            if (headers == null) {
                headers = Headers.toEndpoint(request.requestHeaders(), clientIp);
            }
            return client.request(request.method())
                .uri("http://" + endpoint.address() + path)
                .send((out, outbound) -> {
                    sent = true;
                    out.headers(headers);
                    String host = headers.get(HttpHeaderNames.HOST);
                    if (host != null) {
                        // headers() keeps the Host of the endpoint's URI; the pod gets the one the client sent
                        out.header(HttpHeaderNames.HOST, host);
                    }
                    if (!hasBody) {
                        return Mono.empty();
                    }
                    return outbound.send(request.receive().retain().doOnError(e -> clientFailed = true));
                })
                .response((in, body) -> {
                    answered = true;
                    breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (affine != null || route.affinity().clientIp()) {
                        port.state().balancer().stick(clientIp, endpoint, route.affinity().timeout(), System.nanoTime());
                    }
                    response.status(in.status());
                    Headers.copyResponse(in.responseHeaders(), response.responseHeaders());
                    return response.send(body.retain());
                })
                .then();
        }

        /**
         * The next endpoint to try: the client's own (affinity), then the round robin from this request's position,
         * skipping ejected endpoints; then, once, the endpoint that reset (a pooled connection it had closed).
         */
        private Endpoint next() {
            int n = ready.size();
            while (cursor < n) {
                if (cursor == 0 && start < 0) {
                    start = port.state().balancer().nextStart(n);
                }
                Endpoint candidate = cursor < 0 ? affine : ready.get((start + cursor) % n);
                cursor++;
                boolean triedFirst = cursor > 0 && candidate != null && candidate.equals(affine);
                if (candidate != null && !triedFirst && health.breaker(candidate).tryAcquirePermission()) {
                    return candidate;
                }
            }
            if (resetBy != null && !resetRetried && repeatable) {
                resetRetried = true;
                if (health.breaker(resetBy).tryAcquirePermission()) {
                    return resetBy;
                }
            }
            return null;
        }

        private Mono<Void> allFailed() {
            metrics.error("endpoints_failed");
            String service = "\"" + route.key().name() + "\"";
            String message = failures.isEmpty()
                ? "every endpoint of service " + service + " is ejected after repeated failures; try again shortly"
                : "error trying to reach service " + service + ": " + String.join("; ", failures);
            return StatusResponses.send(response, 502, "BadGateway", message);
        }
    }

    private static String describe(Throwable error) {
        if (error instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    static String clientIp(HttpServerRequest request) {
        InetSocketAddress remote = request.remoteAddress();
        return remote == null || remote.getAddress() == null ? "" : remote.getAddress().getHostAddress();
    }
}
