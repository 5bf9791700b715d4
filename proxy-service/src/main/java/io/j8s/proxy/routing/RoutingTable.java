package io.j8s.proxy.routing;

import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Service;
import io.j8s.proxy.metrics.ProxyMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every routed Service: read by each request without locking, rebuilt one Service at a time whenever its Service
 * or its Endpoints change (so a change is routable as soon as the informer delivers it). Node ports map straight to
 * their Service's route.
 */
@Component
public class RoutingTable {

    private static final Logger log = LoggerFactory.getLogger(RoutingTable.class);

    /** A Service's route before and after an update; either is null when the Service is not routed. */
    public record Change(ServiceKey key, ServiceRoute before, ServiceRoute after) {
    }

    private final ProxyMetrics metrics;
    private final Map<ServiceKey, ServiceRoute> routes = new ConcurrentHashMap<>();
    private final Map<Integer, ServiceRoute> byNodePort = new ConcurrentHashMap<>();
    /** Per service port ({@code ns/name:port}); only touched under this table's lock. */
    private final Map<String, PortState> states = new HashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public RoutingTable(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    public Optional<ServiceRoute> route(ServiceKey key) {
        return Optional.ofNullable(routes.get(key));
    }

    /** The Service that owns {@code nodePort}, if any. */
    public Optional<ServiceRoute> byNodePort(int nodePort) {
        return Optional.ofNullable(byNodePort.get(nodePort));
    }

    public Set<Integer> nodePorts() {
        return Set.copyOf(byNodePort.keySet());
    }

    public Collection<ServiceRoute> routes() {
        return List.copyOf(routes.values());
    }

    /** Every ready endpoint of every routed Service port. */
    public Set<Endpoint> readyEndpoints() {
        Set<Endpoint> all = new HashSet<>();
        routes.values().forEach(route -> route.ports().forEach(port -> all.addAll(port.ready())));
        return all;
    }

    /** Told of every change, on the thread that made it. */
    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /**
     * Rebuilds the route of {@code key} from its Service and Endpoints as they are now (null when absent).
     * Serialized: two informers call it, and the last call must leave the newest state.
     */
    public synchronized void update(ServiceKey key, Service service, Endpoints endpoints) {
        ServiceRoute before = routes.get(key);
        ServiceRoute after = service == null ? null : Routes.of(service, endpoints, this::state).orElse(null);
        if (after == null) {
            routes.remove(key);
        } else {
            routes.put(key, after);
        }
        if (before != null) {
            for (PortRoute port : before.ports()) {
                if (port.nodePort() != null) {
                    byNodePort.computeIfPresent(port.nodePort(), (p, owner) -> owner.key().equals(key) ? null : owner);
                }
            }
        }
        if (after != null) {
            for (PortRoute port : after.ports()) {
                if (port.nodePort() != null) {
                    byNodePort.put(port.nodePort(), after);
                }
            }
        }
        forgetRemovedPorts(key, before, after);
        logChange(key, before, after);
        Change change = new Change(key, before, after);
        listeners.forEach(listener -> listener.accept(change));
    }

    private PortState state(ServiceKey key, String portId) {
        return states.computeIfAbsent(key + ":" + portId,
            k -> new PortState(new Balancer(), metrics.route(key.namespace(), key.name(), portId)));
    }

    private void forgetRemovedPorts(ServiceKey key, ServiceRoute before, ServiceRoute after) {
        if (before == null) {
            return;
        }
        Set<String> kept = new HashSet<>();
        if (after != null) {
            after.ports().forEach(port -> kept.add(port.id()));
        }
        for (PortRoute port : before.ports()) {
            if (!kept.contains(port.id())) {
                states.remove(key + ":" + port.id());
                metrics.remove(key.namespace(), key.name(), port.id());
            }
        }
    }

    private static void logChange(ServiceKey key, ServiceRoute before, ServiceRoute after) {
        if (after == null) {
            if (before != null) {
                log.info("Service {}: no longer routed", key);
            }
            return;
        }
        for (PortRoute port : after.ports()) {
            PortRoute old = before == null ? null : before.port(port.id()).orElse(null);
            if (old == null || !old.ready().equals(port.ready()) || old.notReady() != port.notReady()
                || !java.util.Objects.equals(old.nodePort(), port.nodePort())) {
                log.info("Service {} port {}{}: {} ready endpoint(s) [{}], {} not ready", key, port.id(),
                    port.nodePort() == null ? "" : " (node port " + port.nodePort() + ")", port.ready().size(),
                    port.ready().stream().map(Endpoint::address).collect(Collectors.joining(", ")), port.notReady());
            }
        }
    }
}
