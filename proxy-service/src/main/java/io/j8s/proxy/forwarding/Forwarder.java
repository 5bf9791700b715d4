package io.j8s.proxy.forwarding;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.routing.Endpoint;
import io.j8s.proxy.routing.RoutingTable;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The data plane: listeners that take requests from clients and forward them to endpoints over kept-alive
 * connections, streaming both ways (see {@link Exchange}). Plain Netty handlers on the {@link Transport}'s event
 * loops: a request and the connection it goes out on share one thread, each read batch is written with one flush,
 * and reading pauses only when a side cannot keep up. (Reactor Netty's client and server, tried first, cost four
 * epoll_ctl calls and an extra write per request, and three times the CPU of nginx.)
 */
@Component
public class Forwarder {

    /** Client connections kept alive longer than this without a request are closed, as nginx does after 75 s. */
    static final Duration CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    private static final int MAX_CHUNK = 64 * 1024;

    private final Transport transport;
    private final EndpointHealth health;
    private final RequestRouter router;
    private final int maxConnectionsPerEndpoint;
    private final Bootstrap backends;
    private final Map<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();

    public Forwarder(Transport transport, EndpointHealth health, RequestRouter router, RoutingTable table,
                     ProxyProperties properties) {
        this.transport = transport;
        this.health = health;
        this.router = router;
        this.maxConnectionsPerEndpoint = properties.maxConnectionsPerEndpoint();
        long idleMillis = properties.idleTimeout().toMillis();
        this.backends = new Bootstrap()
            .channel(transport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
            .handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(
                        new HttpClientCodec(decoderConfig(), false, false),
                        // reader idle only: watching writes as well would cost an object per write
                        new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                        new BackendHandler());
                }
            });
        table.addListener(change -> {
            if (change.before() != null) {
                Set<Endpoint> routed = table.readyEndpoints();
                pools.values().forEach(pool -> pool.loop().execute(() -> pool.retainOnly(routed)));
            }
        });
    }

    /** Listens on {@code address:port} for requests naming their Service by Host header or path. */
    public Channel listenServicePort(String address, int port) {
        return listen(address, port, router.servicePort());
    }

    /** Listens on {@code address:nodePort} for requests to the Service that owns the node port. */
    public Channel listenNodePort(String address, int nodePort) {
        return listen(address, nodePort, router.nodePort(nodePort));
    }

    private Channel listen(String address, int port, RequestRouter.Resolver resolver) {
        return new ServerBootstrap()
            .group(transport.loops())
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(
                        new IdleStateHandler(CLIENT_IDLE_TIMEOUT.toSeconds(), 0, 0, TimeUnit.SECONDS),
                        new HttpServerCodec(decoderConfig()),
                        new HttpServerExpectContinueHandler(),
                        new FrontendHandler(Forwarder.this, resolver));
                }
            })
            .bind(address, port).syncUninterruptibly().channel();
    }

    /** The pool of endpoint connections of one event loop. */
    BackendPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new BackendPool(l, backends, maxConnectionsPerEndpoint));
    }

    EndpointHealth health() {
        return health;
    }

    private static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setMaxChunkSize(MAX_CHUNK);
    }
}
