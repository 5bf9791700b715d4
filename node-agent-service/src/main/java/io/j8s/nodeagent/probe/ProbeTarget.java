package io.j8s.nodeagent.probe;

import java.util.Map;

/**
 * Where a container's network probes connect: the pod's address and, in host-port mode, the host port each
 * container port is published on (the container port itself is only open inside the pod's network namespace).
 */
public record ProbeTarget(String host, Map<Integer, Integer> hostPorts) {

    public ProbeTarget {
        hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    }

    /** The port to connect to for a container port. */
    public int portFor(int containerPort) {
        return hostPorts.getOrDefault(containerPort, containerPort);
    }
}
