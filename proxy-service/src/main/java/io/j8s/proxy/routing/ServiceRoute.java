package io.j8s.proxy.routing;

import java.util.List;
import java.util.Optional;

/** Where requests for one Service go: its ports (the first is the default) and its session affinity. */
public record ServiceRoute(ServiceKey key, List<PortRoute> ports, SessionAffinity affinity) {

    public ServiceRoute {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one port: " + key);
        }
        ports = List.copyOf(ports);
    }

    /** The port a request names by name or number ({@code http}, {@code 8080}); the first one when it names none. */
    public Optional<PortRoute> port(String nameOrNumber) {
        if (nameOrNumber == null || nameOrNumber.isEmpty()) {
            return Optional.of(ports.get(0));
        }
        boolean number = nameOrNumber.chars().allMatch(Character::isDigit);
        for (PortRoute port : ports) {
            if (number ? Integer.toString(port.port()).equals(nameOrNumber) : port.name().equals(nameOrNumber)) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    /**
     * The port a Host header's port names: the service port with that number (as {@code web:8080} would reach it in
     * a cluster), otherwise the first one (the number is then the proxy's own port, not the service's).
     */
    public PortRoute portForHost(Integer hostPort) {
        if (hostPort != null) {
            for (PortRoute port : ports) {
                if (port.port() == hostPort) {
                    return port;
                }
            }
        }
        return ports.get(0);
    }

    public Optional<PortRoute> nodePort(int nodePort) {
        return ports.stream().filter(p -> p.nodePort() != null && p.nodePort() == nodePort).findFirst();
    }
}
