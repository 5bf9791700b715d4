package io.j8s.controller.endpoints;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointPort;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.ObjectReference;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodIP;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.controller.support.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The subsets of a Service's Endpoints, computed from the Service and the pods its selector matches: the
 * pure part of Kubernetes' endpoints controller (syncService's loop, podToEndpointAddressForService,
 * podutil.FindPort, ShouldPodBeInEndpoints and endpoints.RepackSubsets).
 */
final class EndpointSubsets {

    static final String CLUSTER_IP_NONE = "None";
    private static final String TCP = "TCP";
    /** Stands for "no ports" while repacking, as Kubernetes' sentinel port -1. */
    private static final EndpointPort NO_PORT = new EndpointPort(null, -1, null, null);

    private EndpointSubsets() {
    }

    /** The canonical subsets for {@code service} given the pods its selector matches. */
    static List<EndpointSubset> forService(Service service, List<Pod> pods) {
        ServiceSpec spec = service.spec();
        boolean publishNotReady = publishNotReadyAddresses(spec);
        List<ServicePort> servicePorts = spec == null || spec.ports() == null ? List.of() : spec.ports();
        List<EndpointSubset> subsets = new ArrayList<>();
        for (Pod pod : pods) {
            if (!shouldPodBeInEndpoints(pod, publishNotReady)) {
                continue;
            }
            EndpointAddress address = addressOf(service, pod);
            boolean ready = publishNotReady || Pods.isReady(pod);
            if (servicePorts.isEmpty()) {
                // A headless Service may have no ports: its pods are published without any.
                if (spec != null && CLUSTER_IP_NONE.equals(spec.clusterIP())) {
                    subsets.add(subset(address, ready, null));
                }
                continue;
            }
            for (ServicePort servicePort : servicePorts) {
                Optional<Integer> port = findPort(pod, servicePort);
                if (port.isEmpty()) {
                    continue;
                }
                subsets.add(subset(address, ready, endpointPort(servicePort, port.get())));
            }
        }
        return repack(subsets);
    }

    /**
     * Whether a pod belongs in Endpoints at all: not finished, has an IP, and (unless the Service publishes
     * not-ready addresses) is not being deleted.
     */
    static boolean shouldPodBeInEndpoints(Pod pod, boolean includeTerminating) {
        String phase = Pods.phase(pod);
        if (PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase)) {
            return false;
        }
        if (podIp(pod) == null) {
            return false;
        }
        return includeTerminating || pod.metadata() == null || !pod.metadata().beingDeleted();
    }

    /**
     * The port to reach the pod on for a Service port: its container port ({@link #findContainerPort}), or, when
     * the node agent published that container port on a host port ({@link HostPorts}, host-port mode), the host
     * port, since the container port is only open inside the pod's network namespace.
     */
    static Optional<Integer> findPort(Pod pod, ServicePort servicePort) {
        String protocol = protocolOf(servicePort.protocol());
        return findContainerPort(pod, servicePort)
            .map(port -> HostPorts.hostPort(pod, port, protocol).orElse(port));
    }

    /**
     * The pod's container port for a Service port: a numeric targetPort as is; a named one looked up among the
     * pod's container ports of the same protocol; an unset one is the Service port itself.
     */
    static Optional<Integer> findContainerPort(Pod pod, ServicePort servicePort) {
        IntOrString target = servicePort.targetPort();
        if (target == null) {
            return Optional.ofNullable(servicePort.port());
        }
        if (target.isInt()) {
            return Optional.of(target.intValue());
        }
        String protocol = protocolOf(servicePort.protocol());
        List<Container> containers = new ArrayList<>();
        if (pod.spec() != null) {
            containers.addAll(pod.spec().containersOrEmpty());
            // Sidecars (init containers that keep running) serve named ports too.
            pod.spec().initContainersOrEmpty().stream()
                .filter(c -> "Always".equals(c.extra().get("restartPolicy")))
                .forEach(containers::add);
        }
        for (Container container : containers) {
            for (ContainerPort port : container.ports() == null ? List.<ContainerPort>of() : container.ports()) {
                if (target.strValue().equals(port.name()) && protocol.equals(protocolOf(port.protocol()))) {
                    return Optional.ofNullable(port.containerPort());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Puts subsets into Kubernetes' canonical form: every address once, grouped with exactly the ports it
     * serves, ready and not-ready addresses of one port set in one subset; addresses, ports and subsets in a
     * stable order, so that equal content compares equal and an unchanged Service is never written.
     */
    static List<EndpointSubset> repack(List<EndpointSubset> subsets) {
        Map<String, EndpointAddress> addresses = new LinkedHashMap<>();
        Map<EndpointPort, Map<String, Boolean>> readinessByPort = new LinkedHashMap<>();
        for (EndpointSubset subset : subsets == null ? List.<EndpointSubset>of() : subsets) {
            List<EndpointPort> ports = subset.ports() == null || subset.ports().isEmpty()
                ? List.of(NO_PORT) : subset.ports();
            for (EndpointPort port : ports) {
                Map<String, Boolean> readiness = readinessByPort.computeIfAbsent(port, p -> new TreeMap<>());
                for (EndpointAddress address : orEmpty(subset.addresses())) {
                    record(addresses, readiness, address, true);
                }
                for (EndpointAddress address : orEmpty(subset.notReadyAddresses())) {
                    record(addresses, readiness, address, false);
                }
            }
        }
        // Ports that serve exactly the same addresses (with the same readiness) share a subset.
        Map<String, List<EndpointPort>> portsByAddressSet = new TreeMap<>();
        Map<String, Map<String, Boolean>> addressSets = new TreeMap<>();
        readinessByPort.forEach((port, readiness) -> {
            if (readiness.isEmpty()) {
                return;
            }
            String setKey = readiness.toString();
            addressSets.put(setKey, readiness);
            List<EndpointPort> ports = portsByAddressSet.computeIfAbsent(setKey, k -> new ArrayList<>());
            if (!port.equals(NO_PORT)) {
                ports.add(port);
            }
        });
        List<EndpointSubset> result = new ArrayList<>();
        portsByAddressSet.forEach((setKey, ports) -> {
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            addressSets.get(setKey).forEach((addressKey, isReady) ->
                (isReady ? ready : notReady).add(addresses.get(addressKey)));
            ports.sort(PORT_ORDER);
            result.add(new EndpointSubset(nullIfEmpty(ready), nullIfEmpty(notReady), nullIfEmpty(ports), null));
        });
        return List.copyOf(result);
    }

    /** A pod's address for a Service (ip, nodeName, targetRef; hostname when it asks for this Service). */
    static EndpointAddress addressOf(Service service, Pod pod) {
        String nodeName = pod.spec() == null ? null : emptyToNull(pod.spec().nodeName());
        ObjectReference target = new ObjectReference(null, "Pod", pod.metadata().namespace(), pod.metadata().name(),
            pod.metadata().uid(), null, null, null);
        return new EndpointAddress(podIp(pod), hostnameFor(service, pod), nodeName, target, null);
    }

    static boolean publishNotReadyAddresses(ServiceSpec spec) {
        return spec != null && Boolean.TRUE.equals(spec.extra().get("publishNotReadyAddresses"));
    }

    private static String hostnameFor(Service service, Pod pod) {
        if (pod.spec() == null) {
            return null;
        }
        Object hostname = pod.spec().extra().get("hostname");
        Object subdomain = pod.spec().extra().get("subdomain");
        boolean matches = hostname instanceof String h && !h.isEmpty()
            && Objects.equals(subdomain, service.metadata().name())
            && Objects.equals(pod.metadata().namespace(), service.metadata().namespace());
        return matches ? (String) hostname : null;
    }

    private static String podIp(Pod pod) {
        if (pod.status() == null) {
            return null;
        }
        if (pod.status().podIP() != null && !pod.status().podIP().isEmpty()) {
            return pod.status().podIP();
        }
        List<PodIP> ips = pod.status().podIPs();
        return ips == null || ips.isEmpty() ? null : emptyToNull(ips.get(0).ip());
    }

    private static EndpointPort endpointPort(ServicePort servicePort, int port) {
        Object appProtocol = servicePort.extra().get("appProtocol");
        Map<String, Object> extra = appProtocol == null ? null : Map.of("appProtocol", appProtocol);
        return new EndpointPort(servicePort.name(), port, protocolOf(servicePort.protocol()), extra);
    }

    private static EndpointSubset subset(EndpointAddress address, boolean ready, EndpointPort port) {
        List<EndpointPort> ports = port == null ? null : List.of(port);
        return ready ? new EndpointSubset(List.of(address), null, ports, null)
            : new EndpointSubset(null, List.of(address), ports, null);
    }

    /** Ready wins: an address seen ready for a port stays ready for it (Kubernetes' mapAddressByPort). */
    private static void record(Map<String, EndpointAddress> addresses, Map<String, Boolean> readiness,
                               EndpointAddress address, boolean ready) {
        String key = addressKey(address);
        addresses.putIfAbsent(key, address);
        Boolean seen = readiness.get(key);
        if (seen == null || !seen) {
            readiness.put(key, ready);
        }
    }

    /** Orders addresses by IP, then by the uid of the pod behind them. */
    private static String addressKey(EndpointAddress address) {
        String uid = address.targetRef() == null || address.targetRef().uid() == null ? "" : address.targetRef().uid();
        return sortableIp(address.ip()) + "|" + uid;
    }

    /** IPv4 addresses zero-padded per octet so that string order is numeric order. */
    private static String sortableIp(String ip) {
        if (ip == null) {
            return "";
        }
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            return ip;
        }
        StringBuilder sortable = new StringBuilder();
        for (String octet : octets) {
            sortable.append("000".substring(Math.min(3, octet.length()))).append(octet).append('.');
        }
        return sortable.toString();
    }

    private static final Comparator<EndpointPort> PORT_ORDER = Comparator
        .comparing((EndpointPort p) -> p.port() == null ? 0 : p.port())
        .thenComparing(p -> p.name() == null ? "" : p.name())
        .thenComparing(p -> p.protocol() == null ? "" : p.protocol())
        .thenComparing(p -> String.valueOf(p.extra()));

    private static String protocolOf(String protocol) {
        return protocol == null || protocol.isEmpty() ? TCP : protocol;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : List.copyOf(list);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
