package io.j8s.proxy.listener;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.forwarding.Forwarder;
import io.j8s.proxy.routing.RoutingTable;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import io.netty.channel.Channel;

/**
 * A listener on {@code <address>:<nodePort>} for every Service of type NodePort (or LoadBalancer), opened when the
 * Service appears and closed when it goes or changes type, as kube-proxy opens node ports. Listeners are opened and
 * closed on a thread of their own, never on the informers' threads; a port that cannot be bound (another program
 * holds it) is retried every few seconds.
 */
@Component
class NodePortListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodePortListeners.class);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);

    private final ProxyProperties properties;
    private final RoutingTable table;
    private final Forwarder forwarder;
    private final Map<Integer, Channel> open = new ConcurrentHashMap<>();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile ScheduledExecutorService reconciler;

    NodePortListeners(ProxyProperties properties, RoutingTable table, Forwarder forwarder) {
        this.properties = properties;
        this.table = table;
        this.forwarder = forwarder;
        table.addListener(change -> requestReconcile());
    }

    @Override
    public void start() {
        if (!properties.nodePorts()) {
            log.info("Node ports are off (j8s.proxy.node-ports=false)");
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-ports");
            thread.setDaemon(true);
            return thread;
        });
        reconciler = executor;
        executor.scheduleWithFixedDelay(this::reconcile, 0, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void requestReconcile() {
        ScheduledExecutorService executor = reconciler;
        if (executor != null && pending.compareAndSet(false, true)) {
            executor.execute(this::reconcile);
        }
    }

    /** Opens the node ports the table has and closes those it no longer has. */
    private void reconcile() {
        pending.set(false);
        try {
            Set<Integer> wanted = table.nodePorts();
            for (Integer port : new HashSet<>(open.keySet())) {
                if (!wanted.contains(port)) {
                    close(port);
                }
            }
            failing.retainAll(wanted);
            for (Integer port : wanted) {
                if (!open.containsKey(port)) {
                    bind(port);
                }
            }
        } catch (RuntimeException e) {
            log.error("Reconciling node port listeners failed", e);
        }
    }

    private void bind(int port) {
        try {
            open.put(port, forwarder.listenNodePort(properties.address(), port));
            failing.remove(port);
            log.info("Node port {}:{} open for Service {}", properties.address(), port,
                table.byNodePort(port).map(route -> route.key().toString()).orElse("?"));
        } catch (RuntimeException e) {
            if (failing.add(port)) {
                log.warn("Node port {}:{} cannot be opened ({}); retrying every {} s", properties.address(), port,
                    e.getMessage(), RETRY_EVERY.toSeconds());
            }
        }
    }

    private void close(int port) {
        Channel server = open.remove(port);
        if (server != null) {
            server.close().syncUninterruptibly();
            log.info("Node port {}:{} closed", properties.address(), port);
        }
    }

    /** The node ports listening right now. */
    Set<Integer> openPorts() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = reconciler;
        reconciler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        new HashSet<>(open.keySet()).forEach(this::close);
    }

    @Override
    public boolean isRunning() {
        return reconciler != null;
    }
}
