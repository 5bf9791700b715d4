package io.j8s.proxy.listener;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.forwarding.Forwarder;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The service port (127.0.0.1:10280 by default), where users reach any Service by name. It is the proxy's data
 * plane, apart from the Actuator port, so user traffic never meets Spring's web stack.
 */
@Component
class ServicePortServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServicePortServer.class);

    private final ProxyProperties properties;
    private final Forwarder forwarder;
    private volatile Channel server;

    ServicePortServer(ProxyProperties properties, Forwarder forwarder) {
        this.properties = properties;
        this.forwarder = forwarder;
    }

    @Override
    public void start() {
        server = forwarder.listenServicePort(properties.address(), properties.port());
        log.info("Routing Services on http://{}:{} by Host header (<service>.<namespace>) and by path "
            + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/", properties.address(),
            ((InetSocketAddress) server.localAddress()).getPort());
    }

    @Override
    public void stop() {
        Channel running = server;
        if (running != null) {
            running.close().syncUninterruptibly();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
