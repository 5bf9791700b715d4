package io.j8s.controller.endpointslice;

import io.j8s.common.api.core.ObjectReference;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.discovery.Endpoint;
import io.j8s.common.api.discovery.EndpointConditions;
import io.j8s.common.api.discovery.EndpointPort;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.controller.support.EndpointPods;
import io.j8s.controller.support.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint each pod of a Service should be, and the ports it serves: the pure part of Kubernetes' EndpointSlice
 * reconciler (podToEndpoint, getEndpointPorts, getEndpointAddresses, getAddressTypesForService). Pods and ports are
 * resolved exactly as for Endpoints ({@link EndpointPods}), host ports of j8s's host-port mode included.
 */
final class DesiredEndpoints {

    /** Ports in a canonical order, so that equal port sets compare equal whatever order they were written in. */
    static final Comparator<EndpointPort> PORT_ORDER = Comparator
        .comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
        .thenComparing(p -> p.protocol() == null ? "" : p.protocol())
        .thenComparing(p -> p.port() == null ? -1 : p.port())
        .thenComparing(p -> p.appProtocol() == null ? "" : p.appProtocol())
        .thenComparing(p -> String.valueOf(p.extra()));

    private DesiredEndpoints() {
    }

    /**
     * The address types a Service's slices carry: its {@code ipFamilies}; else the family of its cluster IP; else
     * IPv4. (Kubernetes' API server always sets {@code ipFamilies}, to IPv4 on a single-stack cluster; j8s's does
     * not allocate cluster IPs, so the controller takes that default itself rather than guessing both families.)
     */
    static Set<String> addressTypes(Service service) {
        Set<String> types = new LinkedHashSet<>();
        Object families = service.spec() == null ? null : service.spec().extra().get("ipFamilies");
        if (families instanceof List<?> list) {
            for (Object family : list) {
                if ("IPv4".equals(family)) {
                    types.add(EndpointSlice.ADDRESS_TYPE_IPV4);
                } else if ("IPv6".equals(family)) {
                    types.add(EndpointSlice.ADDRESS_TYPE_IPV6);
                }
            }
        }
        if (!types.isEmpty()) {
            return types;
        }
        String clusterIp = service.spec() == null ? null : service.spec().clusterIP();
        if (clusterIp != null && !clusterIp.isEmpty() && !EndpointPods.CLUSTER_IP_NONE.equals(clusterIp)) {
            return Set.of(addressTypeOf(clusterIp));
        }
        return Set.of(EndpointSlice.ADDRESS_TYPE_IPV4);
    }

    static String addressTypeOf(String ip) {
        return ip.contains(":") ? EndpointSlice.ADDRESS_TYPE_IPV6 : EndpointSlice.ADDRESS_TYPE_IPV4;
    }

    /**
     * The pod as an endpoint of {@code addressType}, empty when the pod has no address of that type. Serving is the
     * pod's readiness; ready is serving and not terminating, unless the Service publishes not-ready addresses.
     */
    static Optional<Endpoint> endpointOf(Pod pod, Service service, String addressType, String zone) {
        List<String> addresses = EndpointPods.podIps(pod).stream()
            .filter(ip -> addressTypeOf(ip).equals(addressType))
            .toList();
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        boolean serving = Pods.isReady(pod);
        boolean terminating = pod.metadata().beingDeleted();
        boolean ready = EndpointPods.publishNotReadyAddresses(service.spec()) || (serving && !terminating);
        ObjectReference target = new ObjectReference(null, "Pod", pod.metadata().namespace(), pod.metadata().name(),
            pod.metadata().uid(), null, null, null);
        return Optional.of(new Endpoint(addresses, EndpointConditions.of(ready, serving, terminating),
            EndpointPods.hostnameFor(service, pod), target, EndpointPods.nodeName(pod),
            zone == null || zone.isEmpty() ? null : zone, null));
    }

    /**
     * The ports the pod serves for the Service, in canonical order: each Service port the pod has (a named target
     * port it lacks is left out), on the port it is reached at. A headless Service may have none.
     */
    static List<EndpointPort> portsOf(Service service, Pod pod) {
        List<ServicePort> servicePorts = service.spec() == null || service.spec().ports() == null
            ? List.of() : service.spec().ports();
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort servicePort : servicePorts) {
            Optional<Integer> port = EndpointPods.findPort(pod, servicePort);
            if (port.isEmpty()) {
                continue;
            }
            Object appProtocol = servicePort.extra().get("appProtocol");
            ports.add(new EndpointPort(servicePort.name() == null ? "" : servicePort.name(), port.get(),
                EndpointPods.protocolOf(servicePort.protocol()), appProtocol instanceof String s ? s : null, null));
        }
        return canonical(ports);
    }

    static List<EndpointPort> canonical(List<EndpointPort> ports) {
        List<EndpointPort> sorted = new ArrayList<>(ports == null ? List.of() : ports);
        sorted.sort(PORT_ORDER);
        return List.copyOf(sorted);
    }

    /**
     * What makes two endpoints the same endpoint (Kubernetes' endpoint hash): addresses, hostname and the pod
     * behind it. Everything else (conditions, node, zone) is state that an update changes in place.
     */
    static String identity(Endpoint endpoint) {
        List<String> addresses = new ArrayList<>(endpoint.addressesOrEmpty());
        addresses.sort(Comparator.naturalOrder());
        ObjectReference target = endpoint.targetRef();
        return String.join(",", addresses) + "|" + Objects.toString(endpoint.hostname(), "") + "|"
            + (target == null ? "" : Objects.toString(target.namespace(), "") + "/" + Objects.toString(target.name(), ""));
    }
}
