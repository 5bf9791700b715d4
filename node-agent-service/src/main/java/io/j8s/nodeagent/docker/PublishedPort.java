package io.j8s.nodeagent.docker;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Probe;
import io.j8s.nodeagent.probe.Prober;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container port the sandbox publishes on the node: every declared port in host-port mode, plus the ports of
 * network probes so the agent can reach them from outside the pod (those are not announced in the pod's
 * {@code j8s.io/host-ports}); in bridge mode only ports that ask for a {@code hostPort}.
 *
 * @param hostPort the port the pod asked for, or null to have one allocated
 * @param declared whether a container declares it (probe-only ports are not)
 */
public record PublishedPort(int containerPort, String protocol, Integer hostPort, boolean declared) {

    public String key() {
        return HostPorts.key(containerPort, protocol);
    }

    /** What the sandbox of {@code pod} must publish (nothing for a pod on the host's network). */
    public static List<PublishedPort> of(Pod pod, boolean hostPortMode) {
        Map<String, PublishedPort> ports = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(pod.spec().hostNetwork())) {
            return List.of();
        }
        for (Container container : pod.spec().containersOrEmpty()) {
            for (ContainerPort port : container.ports() == null ? List.<ContainerPort>of() : container.ports()) {
                if (port.containerPort() == null) {
                    continue;
                }
                String protocol = port.protocol() == null || port.protocol().isEmpty() ? "TCP" : port.protocol();
                Integer hostPort = port.hostPort() == null || port.hostPort() == 0 ? null : port.hostPort();
                if (hostPortMode || hostPort != null) {
                    ports.putIfAbsent(HostPorts.key(port.containerPort(), protocol),
                        new PublishedPort(port.containerPort(), protocol, hostPort, true));
                }
            }
        }
        if (hostPortMode) {
            for (Container container : pod.spec().containersOrEmpty()) {
                for (Probe probe : probes(container)) {
                    networkPort(probe, container).ifPresent(port -> ports.putIfAbsent(HostPorts.key(port, "TCP"),
                        new PublishedPort(port, "TCP", null, false)));
                }
            }
        }
        return List.copyOf(ports.values());
    }

    private static List<Probe> probes(Container container) {
        List<Probe> probes = new ArrayList<>();
        for (Probe probe : new Probe[] {container.livenessProbe(), container.readinessProbe(), container.startupProbe()}) {
            if (probe != null) {
                probes.add(probe);
            }
        }
        return probes;
    }

    /** The container port an httpGet or tcpSocket probe connects to (not when it names another host). */
    private static Optional<Integer> networkPort(Probe probe, Container container) {
        if (probe.httpGet() != null && (probe.httpGet().host() == null || probe.httpGet().host().isEmpty())) {
            return Prober.resolvePort(probe.httpGet().port(), container);
        }
        if (probe.tcpSocket() != null && (probe.tcpSocket().host() == null || probe.tcpSocket().host().isEmpty())) {
            return Prober.resolvePort(probe.tcpSocket().port(), container);
        }
        return Optional.empty();
    }
}
