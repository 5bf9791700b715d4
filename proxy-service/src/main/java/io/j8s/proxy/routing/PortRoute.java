package io.j8s.proxy.routing;

import java.util.List;

/**
 * One port of a Service as the proxy routes it: its ready endpoints in a stable order (not-ready ones are only
 * counted, for messages), its node port if any, and the state that outlives endpoint changes.
 */
public record PortRoute(String name, int port, Integer nodePort, List<Endpoint> ready, int notReady, PortState state) {

    public PortRoute {
        name = name == null ? "" : name;
        ready = List.copyOf(ready);
    }

    /** The name, or the port number of an unnamed port: how messages, metrics and paths name it. */
    public String id() {
        return id(name, port);
    }

    static String id(String name, int port) {
        return name == null || name.isEmpty() ? Integer.toString(port) : name;
    }
}
