package io.j8s.proxy.forwarding;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.j8s.proxy.metrics.RouteMetrics;
import io.j8s.proxy.routing.Balancer;
import io.j8s.proxy.routing.Endpoint;
import io.j8s.proxy.routing.PortRoute;
import io.j8s.proxy.routing.ServiceRoute;
import io.netty.channel.Channel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request on its way through the proxy, on the event loop of the client connection that carried it (which also
 * serves the endpoint connection it goes out on, so nothing here needs a lock).
 *
 * <p>Which endpoint: the client's own one under ClientIP session affinity, otherwise the next in the port's round
 * robin; ejected endpoints (see {@link EndpointHealth}) are skipped. When to fail over to the next: always while the
 * endpoint never got the request (the connection failed); after that only for idempotent requests without a body
 * (GET, HEAD, ...), which can be repeated without harm and without a body that was streamed away. Each endpoint is
 * tried once, and one that reset once more, since a kept-alive connection the pod closed while idle resets too.
 *
 * <p>Bodies stream both ways, one buffer at a time: when a side cannot take more, the other side is not read until
 * it can. Only the start of a request body that arrives while a connection is being opened is held, up to
 * {@value #MAX_PENDING_BYTES} bytes before the client is paused, so a refused connection can still be retried.
 */
final class Exchange implements BackendPool.Waiter {

    static final int MAX_PENDING_BYTES = 256 * 1024;
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
        HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final FrontendHandler frontend;
    private final BackendPool pool;
    private final EndpointHealth health;
    private final HttpRequest request;
    private final ServiceRoute route;
    private final PortRoute port;
    private final String path;
    private final String clientIp;
    private final RouteMetrics metrics;
    private final long started = System.nanoTime();
    private final boolean keepAlive;
    private final boolean clientHttp11;
    private final boolean head;
    private final boolean repeatable;
    private final List<Endpoint> ready;
    private final Endpoint affine;
    /** The request has been turned into the endpoints' (headers, URI, version); it is reused for every attempt. */
    private boolean prepared;

    // the request body
    /** Request content read while no endpoint connection is open yet; usually none, so made when needed. */
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;
    private boolean requestComplete;

    // attempts
    /** -1: the affine endpoint; 0..n-1: the round robin from {@link #start}. */
    private int cursor = -1;
    /** This request's round-robin position, taken only if it needs one (not when its affine pod answers). */
    private int start = -1;
    private Endpoint resetBy;
    private boolean resetRetried;
    private List<String> failures;
    private Endpoint endpoint;
    private CircuitBreaker breaker;
    private long attemptStarted;
    private Channel backend;
    private boolean sent;
    private boolean backendNeedsFlush;

    // the response
    private boolean answered;
    private boolean skippingInformational;
    private boolean backendKeepAlive;
    private boolean closeClient;
    private int status;
    private boolean done;

    Exchange(FrontendHandler frontend, BackendPool pool, EndpointHealth health, HttpRequest request,
             ServiceRoute route, PortRoute port, String path, String clientIp) {
        this.frontend = frontend;
        this.pool = pool;
        this.health = health;
        this.request = request;
        this.route = route;
        this.port = port;
        this.path = path;
        this.clientIp = clientIp;
        this.metrics = port.state().metrics();
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.clientHttp11 = request.protocolVersion().equals(HttpVersion.HTTP_1_1);
        this.head = HttpMethod.HEAD.equals(request.method());
        this.repeatable = !Headers.hasBody(request.headers()) && IDEMPOTENT.contains(request.method());
        this.ready = port.ready();
        this.affine = route.affinity().clientIp()
            ? port.state().balancer().affine(clientIp, ready, System.nanoTime()) : null;
    }

    void start() {
        tryNext();
    }

    boolean requestComplete() {
        return requestComplete;
    }

    boolean done() {
        return done;
    }

    // ---- the request

    private void tryNext() {
        endpoint = next();
        if (endpoint == null) {
            answerLocally();
            return;
        }
        breaker = health.breaker(endpoint);
        attemptStarted = System.nanoTime();
        sent = false;
        pool.acquire(endpoint, this);
    }

    /**
     * The next endpoint to try: the client's own (affinity), then the round robin from this request's position,
     * skipping ejected endpoints; then, once, the endpoint that reset (a kept-alive connection it had closed).
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

    @Override
    public void connected(Channel channel) {
        if (done) {
            pool.release(endpoint, channel);
            return;
        }
        backend = channel;
        BackendHandler.of(channel).exchange = this;
        sent = true;
        if (!prepared) {
            prepared = true;
            Headers.toEndpoint(request.headers(), clientIp);
            request.setUri(path);
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        channel.write(request, channel.voidPromise());
        HttpContent content;
        boolean ended = false;
        while (pending != null && (content = pending.poll()) != null) {
            ended = content instanceof LastHttpContent;
            channel.write(content, channel.voidPromise());
        }
        if (requestComplete && !ended) {
            // A retry of a bodyless request: its end went to the endpoint that failed. Without it this connection
            // would still expect request content when it is reused.
            channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
        }
        pendingBytes = 0;
        frontend.resume(FrontendHandler.PAUSE_CONNECTING);
        if (frontend.reading()) {
            backendNeedsFlush = true; // flushed once the client's read batch is through
        } else {
            channel.flush();
        }
    }

    @Override
    public void failed(Throwable cause) {
        backendFailed(cause);
    }

    /** A part of the request body from the client. */
    void requestContent(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (done) {
            content.release();
        } else if (backend != null) {
            backend.write(content, backend.voidPromise());
            backendNeedsFlush = true;
            if (!backend.isWritable()) {
                frontend.pause(FrontendHandler.PAUSE_BACKEND_FULL);
            }
        } else {
            if (pending == null) {
                pending = new ArrayDeque<>(2);
            }
            pending.add(content);
            pendingBytes += content.content().readableBytes();
            if (pendingBytes > MAX_PENDING_BYTES) {
                frontend.pause(FrontendHandler.PAUSE_CONNECTING);
            }
        }
    }

    void clientReadComplete() {
        if (backendNeedsFlush && backend != null) {
            backendNeedsFlush = false;
            backend.flush();
        }
    }

    void backendWritable(boolean writable) {
        if (writable) {
            frontend.resume(FrontendHandler.PAUSE_BACKEND_FULL);
        }
    }

    void clientWritable(boolean writable) {
        if (backend != null) {
            backend.config().setAutoRead(writable);
        }
    }

    // ---- the response

    void fromBackend(HttpObject message) {
        if (message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(message);
            backendFailed(message.decoderResult().cause());
            return;
        }
        if (message instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                skippingInformational = true; // 100 Continue and the like are between the proxy and the pod
            } else {
                answer(response);
            }
        }
        if (message instanceof HttpContent content) {
            if (skippingInformational) {
                content.release();
                skippingInformational = !(content instanceof LastHttpContent);
                return;
            }
            frontend.write(content);
            if (!frontend.writable()) {
                backend.config().setAutoRead(false);
            }
            if (content instanceof LastHttpContent) {
                complete();
            }
        }
    }

    /** The response head, turned into the client's in place: its hop-by-hop headers out, its framing for the client. */
    private void answer(HttpResponse response) {
        answered = true;
        health.succeeded(endpoint, breaker, System.nanoTime() - attemptStarted);
        if (route.affinity().clientIp()) {
            Balancer balancer = port.state().balancer();
            balancer.stick(clientIp, endpoint, route.affinity().timeout(), System.nanoTime());
        }
        status = response.status().code();
        backendKeepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        Headers.toClient(headers);
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        boolean bodiless = head || status == 204 || status == 304;
        if (!bodiless && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (clientHttp11) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                closeClient = true; // an HTTP/1.0 client learns where the body ends when the connection does
            }
        }
        // Answered while the request body is still coming (a 413, say): the connection ends with this exchange.
        closeClient |= !keepAlive || !requestComplete;
        if (closeClient) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!clientHttp11) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        frontend.write(response);
    }

    void backendReadComplete() {
        if (answered && !done) {
            frontend.flush();
        }
    }

    /** The response is through: the endpoint connection goes back to the pool if it can serve another request. */
    private void complete() {
        done = true;
        Channel channel = detachBackend();
        if (backendKeepAlive && requestComplete && channel.isActive()) {
            channel.config().setAutoRead(true);
            pool.release(endpoint, channel);
        } else {
            channel.close();
        }
        metrics.request(status, System.nanoTime() - started);
        frontend.flush();
        frontend.responded(this, closeClient);
    }

    /** The endpoint connection failed: connecting, writing, or reading the response. */
    void backendFailed(Throwable cause) {
        if (done) {
            return;
        }
        Channel channel = detachBackend();
        if (channel != null) {
            channel.close();
        }
        if (answered) {
            // Cut off mid-response: nothing to fail over to, the client sees the cut.
            done = true;
            metrics.error("upstream_aborted");
            metrics.request(status, System.nanoTime() - started);
            frontend.abort(this);
            return;
        }
        health.failed(endpoint, breaker, System.nanoTime() - attemptStarted, cause);
        if (failures == null) {
            failures = new ArrayList<>(2);
        }
        failures.add(endpoint.address() + ": " + describe(cause));
        if (sent && !(cause instanceof ConnectException)) {
            resetBy = endpoint;
        }
        if (!sent || repeatable) {
            metrics.failover();
            tryNext();
        } else {
            answerLocally();
        }
    }

    /** Every endpoint failed or is ejected: 502, with what each one did. */
    private void answerLocally() {
        done = true;
        releasePending();
        String service = "\"" + route.key().name() + "\"";
        String message = failures == null
            ? "every endpoint of service " + service + " is ejected after repeated failures; try again shortly"
            : "error trying to reach service " + service + ": " + String.join("; ", failures);
        status = 502;
        metrics.error("endpoints_failed");
        metrics.request(status, System.nanoTime() - started);
        frontend.answer(this, StatusResponses.of(502, "BadGateway", message),
            FrontendHandler.closeAfterAnswer(request) || !requestComplete);
    }

    /** The client went away: the endpoint connection is closed (it is mid-request), nothing is counted as its fault. */
    void clientGone() {
        if (done) {
            return;
        }
        done = true;
        Channel channel = detachBackend();
        if (channel != null) {
            channel.close();
        }
        if (!answered && breaker != null) {
            breaker.releasePermission();
        }
        releasePending();
        metrics.request(answered ? status : 0, System.nanoTime() - started);
    }

    private Channel detachBackend() {
        Channel channel = backend;
        backend = null;
        if (channel != null) {
            BackendHandler.of(channel).exchange = null;
        }
        return channel;
    }

    private void releasePending() {
        HttpContent content;
        while (pending != null && (content = pending.poll()) != null) {
            content.release();
        }
        pendingBytes = 0;
    }

    private static String describe(Throwable error) {
        if (error instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        String message = error.getMessage();
        if (error instanceof IOException && message != null && message.contains("reset")) {
            return "connection reset";
        }
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
