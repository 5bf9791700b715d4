package io.j8s.proxy.routing;

import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointPort;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Service's route from the Service and its Endpoints, as kube-proxy derives its rules: each TCP service port
 * goes to the ready addresses of the Endpoints subsets that publish a port of the same name, at that port.
 */
public final class Routes {

    /** The state of one service port, kept by the routing table across rebuilds. */
    @FunctionalInterface
    public interface PortStates {
        PortState of(ServiceKey service, String portId);
    }

    private Routes() {
    }

    /**
     * The route of {@code service} given its {@code endpoints} (null when there are none yet); empty for Services the
     * proxy does not route: ExternalName (a DNS alias), and Services without a TCP port.
     */
    public static Optional<ServiceRoute> of(Service service, Endpoints endpoints, PortStates states) {
        ServiceSpec spec = service.spec();
        if (spec == null || "ExternalName".equals(spec.type()) || spec.ports() == null) {
            return Optional.empty();
        }
        ServiceKey key = new ServiceKey(service.namespace(), service.name());
        List<PortRoute> ports = new ArrayList<>();
        for (ServicePort servicePort : spec.ports()) {
            if (servicePort.port() == null || !isTcp(servicePort.protocol())) {
                continue;
            }
            String name = servicePort.name() == null ? "" : servicePort.name();
            Set<Endpoint> ready = new LinkedHashSet<>();
            Set<Endpoint> notReady = new LinkedHashSet<>();
            for (EndpointSubset subset : endpoints == null || endpoints.subsets() == null
                ? List.<EndpointSubset>of() : endpoints.subsets()) {
                Integer target = targetPort(subset, name);
                if (target != null) {
                    addAll(subset.addresses(), target, ready);
                    addAll(subset.notReadyAddresses(), target, notReady);
                }
            }
            List<Endpoint> ordered = new ArrayList<>(ready);
            // A stable order, whatever order the controller wrote: round robin then really takes turns.
            ordered.sort(Comparator.comparing(Endpoint::ip).thenComparingInt(Endpoint::port));
            ports.add(new PortRoute(name, servicePort.port(), nodePort(spec, servicePort), ordered, notReady.size(),
                states.of(key, PortRoute.id(name, servicePort.port()))));
        }
        return ports.isEmpty() ? Optional.empty() : Optional.of(new ServiceRoute(key, ports, affinity(spec)));
    }

    /** The port of a subset that serves the service port {@code name} (unnamed matches unnamed). */
    private static Integer targetPort(EndpointSubset subset, String name) {
        if (subset.ports() == null) {
            return null;
        }
        for (EndpointPort port : subset.ports()) {
            String portName = port.name() == null ? "" : port.name();
            if (portName.equals(name) && port.port() != null && isTcp(port.protocol())) {
                return port.port();
            }
        }
        return null;
    }

    private static void addAll(List<EndpointAddress> addresses, int port, Set<Endpoint> into) {
        if (addresses == null) {
            return;
        }
        for (EndpointAddress address : addresses) {
            if (address.ip() != null && !address.ip().isEmpty()) {
                into.add(new Endpoint(address.ip(), port));
            }
        }
    }

    private static Integer nodePort(ServiceSpec spec, ServicePort port) {
        boolean exposed = "NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type());
        return exposed && port.nodePort() != null && port.nodePort() > 0 ? port.nodePort() : null;
    }

    private static boolean isTcp(String protocol) {
        return protocol == null || protocol.isEmpty() || "TCP".equals(protocol);
    }

    /** {@code spec.sessionAffinity} with {@code spec.sessionAffinityConfig.clientIP.timeoutSeconds}. */
    static SessionAffinity affinity(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.sessionAffinity())) {
            return SessionAffinity.NONE;
        }
        Object timeout = path(spec.extra().get("sessionAffinityConfig"), "clientIP", "timeoutSeconds");
        return SessionAffinity.clientIp(timeout instanceof Number seconds && seconds.longValue() > 0
            ? Duration.ofSeconds(seconds.longValue()) : SessionAffinity.DEFAULT_TIMEOUT);
    }

    private static Object path(Object node, String... names) {
        Object current = node;
        for (String name : names) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }
}
