package io.j8s.proxy.listener;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.forwarding.ProxyHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The service port (127.0.0.1:10280 by default), where users reach any Service by name: a Reactor Netty server of
 * its own, apart from the Actuator port, so user traffic never meets Spring's web stack.
 */
@Component
class ServicePortServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServicePortServer.class);
    /** Client connections kept alive longer than this without a request are closed, as nginx does after 75 s. */
    static final Duration CLIENT_IDLE_TIMEOUT = Duration.ofSeconds(75);

    private final ProxyProperties properties;
    private final ProxyHandler handler;
    private volatile DisposableServer server;

    ServicePortServer(ProxyProperties properties, ProxyHandler handler) {
        this.properties = properties;
        this.handler = handler;
    }

    @Override
    public void start() {
        server = HttpServer.create()
            .host(properties.address())
            .port(properties.port())
            .idleTimeout(CLIENT_IDLE_TIMEOUT)
            .handle(handler::servicePort)
            .bindNow();
        log.info("Routing Services on http://{}:{} by Host header (<service>.<namespace>) and by path "
            + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/", properties.address(), server.port());
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow(Duration.ofSeconds(10));
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (the configured one, or the one the OS picked for port 0). */
    int port() {
        return server.port();
    }
}
