package io.j8s.proxy.forwarding;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: takes its requests one at a time (pipelined ones wait their turn), asks the
 * {@link RequestRouter} where each goes, and either answers it (unknown Service, no endpoints) or starts an
 * {@link Exchange}. Reading from the client pauses only when something downstream cannot keep up.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    static final int PAUSE_CONNECTING = 1;
    static final int PAUSE_BACKEND_FULL = 2;
    static final int PAUSE_QUEUE_FULL = 4;
    private static final int MAX_QUEUED = 64;
    private static final Duration LINGER = Duration.ofSeconds(5);

    private final Forwarder forwarder;
    private final RequestRouter.Resolver resolver;
    private ChannelHandlerContext ctx;
    private String clientIp = "";
    /** The request being answered; a request answered by the proxy itself has none, and its body is dropped. */
    private Exchange exchange;
    private boolean closing;
    private boolean lingering;
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private int pauses;
    private boolean reading;

    FrontendHandler(Forwarder forwarder, RequestRouter.Resolver resolver) {
        this.forwarder = forwarder;
        this.resolver = resolver;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            clientIp = remote.getAddress().getHostAddress();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (!queued.isEmpty() || waitingForResponse()) {
            queued.add(msg);
            if (queued.size() > MAX_QUEUED) {
                pause(PAUSE_QUEUE_FULL);
            }
        } else {
            handle(msg);
        }
    }

    /** The current request has been read in full; what arrives now is the next one, pipelined. */
    private boolean waitingForResponse() {
        return exchange != null && exchange.requestComplete();
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) {
            start(request);
        }
        if (msg instanceof HttpContent content) {
            if (exchange != null) {
                exchange.requestContent(content);
                if (content instanceof LastHttpContent && exchange.done()) {
                    finished();
                }
            } else {
                content.release();
            }
        } else if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // (a malformed request may come as a full message: handle() releases its content)
            answer(null, StatusResponses.of(400, "BadRequest", "malformed request: " + request.decoderResult().cause()
                .getMessage()), true);
            return;
        }
        RequestRouter.Resolution resolution = resolver.resolve(request);
        if (resolution instanceof RequestRouter.Refused refused) {
            answer(null, refused.response(), closeAfterAnswer(request));
            refused.count();
            return;
        }
        RequestRouter.Routed routed = (RequestRouter.Routed) resolution;
        exchange = new Exchange(this, forwarder.pool(ctx.channel().eventLoop()), forwarder.health(), request,
            routed.route(), routed.port(), routed.path(), clientIp);
        exchange.start();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (exchange != null) {
            exchange.clientReadComplete();
        }
        ctx.flush();
    }

    boolean reading() {
        return reading;
    }

    // ---- what exchanges ask of the client connection

    void write(Object message) {
        ctx.write(message, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    /** Whether the connection closes after the proxy answers {@code request} itself (HTTP/1.0 clients: always). */
    static boolean closeAfterAnswer(HttpRequest request) {
        return !HttpUtil.isKeepAlive(request) || !request.protocolVersion().equals(HttpVersion.HTTP_1_1);
    }

    /** An answer of the proxy's own; {@code exchange} is null when no exchange was started. */
    void answer(Exchange exchange, FullHttpResponse response, boolean close) {
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        write(response);
        if (!reading) {
            ctx.flush();
        }
        responded(exchange, close);
    }

    /** The response is written (not necessarily flushed); the next request may start once this one is read. */
    void responded(Exchange finished, boolean close) {
        if (close && finished != null && !finished.requestComplete()) {
            // A lingering close, as nginx makes: the rest of the body is read and dropped (for a few seconds at
            // most) before the connection closes, so a client still sending is not reset before it reads the answer.
            lingering = true;
            pauses = 0;
            ctx.channel().config().setAutoRead(true);
            ctx.executor().schedule(this::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (close) {
            close();
            return;
        }
        if (finished == null || finished.requestComplete()) {
            finished();
        }
        // otherwise the rest of its body is read (and dropped) first, see handle()
    }

    private void close() {
        if (!closing) {
            closing = true;
            releaseQueued();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finished() {
        if (lingering) {
            close();
            return;
        }
        exchange = null;
        // Requests that were pipelined behind it, in order, until one is waiting for its own response.
        while (!queued.isEmpty() && !waitingForResponse() && !closing) {
            handle(queued.poll());
        }
        if (queued.size() <= MAX_QUEUED) {
            resume(PAUSE_QUEUE_FULL);
        }
    }

    /** The response was cut off by the endpoint: the client can only learn it from the connection closing. */
    void abort(Exchange aborted) {
        closing = true;
        releaseQueued();
        ctx.flush();
        ctx.close();
    }

    void pause(int reason) {
        if (pauses == 0) {
            ctx.channel().config().setAutoRead(false);
        }
        pauses |= reason;
    }

    void resume(int reason) {
        if ((pauses & reason) == 0) {
            return;
        }
        pauses &= ~reason;
        if (pauses == 0) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    // ---- the connection's own events

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientGone();
            exchange = null;
        }
        releaseQueued();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close(); // a kept-alive connection nobody uses
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Client connection from {} failed: {}", clientIp, cause.toString());
        ctx.close();
    }

    private void releaseQueued() {
        Object msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
