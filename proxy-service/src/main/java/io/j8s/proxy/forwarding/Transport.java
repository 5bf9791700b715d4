package io.j8s.proxy.forwarding;

import io.j8s.proxy.ProxyProperties;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The event loops user traffic runs on (epoll where Linux offers it, NIO elsewhere): one thread per core by default,
 * each serving its client connections and the endpoint connections their requests go out on.
 */
@Component
public class Transport implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    private final EventLoopGroup loops;
    private final boolean epoll;

    public Transport(ProxyProperties properties) {
        this.epoll = Epoll.isAvailable();
        this.loops = new MultiThreadIoEventLoopGroup(properties.eventLoops(), new DefaultThreadFactory("proxy", true),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        log.info("User traffic runs on {} {} event loop(s)", properties.eventLoops(), epoll ? "epoll" : "NIO");
    }

    EventLoopGroup loops() {
        return loops;
    }

    Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends Channel> channel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public void destroy() {
        loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
