package io.j8s.controller.support;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodIP;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.labels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Service's pods become its endpoints, shared by the Endpoints and EndpointSlice controllers as Kubernetes
 * shares pkg/controller/util/endpoint: which Services publish pods at all, which pods count, the port and hostname
 * each is published with.
 */
public final class EndpointPods {

    public static final String CLUSTER_IP_NONE = "None";
    /** Set on the Endpoints and EndpointSlices of headless Services (v1.IsHeadlessService). */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    private static final String TCP = "TCP";

    private EndpointPods() {
    }

    /**
     * Whether the controllers publish this Service's pods: it has a selector and is not of type ExternalName.
     * Other Services' endpoints are their user's business.
     */
    public static boolean selectsPods(Service service) {
        ServiceSpec spec = service.spec();
        return spec != null && !"ExternalName".equals(spec.type()) && spec.selector() != null
            && !spec.selector().isEmpty();
    }

    /** The Service's pod selector; call only when {@link #selectsPods}. */
    public static Selector selector(Service service) {
        return Selector.fromSet(service.spec().selector());
    }

    /**
     * Kubernetes marks endpoints headless when the Service has no cluster IP. j8s does not allocate cluster IPs yet,
     * so only an explicit {@code clusterIP: None} counts; an empty one means "not allocated".
     */
    public static boolean headless(Service service) {
        return service.spec() != null && CLUSTER_IP_NONE.equals(service.spec().clusterIP());
    }

    public static boolean publishNotReadyAddresses(ServiceSpec spec) {
        return spec != null && Boolean.TRUE.equals(spec.extra().get("publishNotReadyAddresses"));
    }

    /**
     * Whether a pod is an endpoint at all (ShouldPodBeInEndpoints): not finished, has an IP, and, unless
     * {@code includeTerminating}, not being deleted.
     */
    public static boolean shouldPodBeInEndpoints(Pod pod, boolean includeTerminating) {
        String phase = Pods.phase(pod);
        if (PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase)) {
            return false;
        }
        if (podIps(pod).isEmpty()) {
            return false;
        }
        return includeTerminating || pod.metadata() == null || !pod.metadata().beingDeleted();
    }

    /**
     * The port to reach the pod on for a Service port: its container port ({@link #findContainerPort}), or, when
     * the node agent published that container port on a host port ({@link HostPorts}, host-port mode), the host
     * port, since the container port is only open inside the pod's network namespace.
     */
    public static Optional<Integer> findPort(Pod pod, ServicePort servicePort) {
        String protocol = protocolOf(servicePort.protocol());
        return findContainerPort(pod, servicePort)
            .map(port -> HostPorts.hostPort(pod, port, protocol).orElse(port));
    }

    /**
     * The pod's container port for a Service port (FindPort): a numeric targetPort as is; a named one looked up
     * among the pod's container ports of the same protocol (sidecars included); an unset one is the Service port.
     */
    public static Optional<Integer> findContainerPort(Pod pod, ServicePort servicePort) {
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

    /** The pod's hostname when it asks to be found through this Service (ShouldSetHostname), else null. */
    public static String hostnameFor(Service service, Pod pod) {
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

    /** The pod's IPs: {@code status.podIPs}, or {@code status.podIP} when only that is set; empty without any. */
    public static List<String> podIps(Pod pod) {
        PodStatus status = pod.status();
        if (status == null) {
            return List.of();
        }
        List<String> ips = new ArrayList<>();
        if (status.podIPs() != null) {
            status.podIPs().stream().map(PodIP::ip).filter(ip -> ip != null && !ip.isEmpty()).forEach(ips::add);
        }
        if (ips.isEmpty() && status.podIP() != null && !status.podIP().isEmpty()) {
            ips.add(status.podIP());
        }
        return ips;
    }

    /** The pod's primary IP, null without any. */
    public static String podIp(Pod pod) {
        PodStatus status = pod.status();
        if (status != null && status.podIP() != null && !status.podIP().isEmpty()) {
            return status.podIP();
        }
        List<String> ips = podIps(pod);
        return ips.isEmpty() ? null : ips.get(0);
    }

    /** A port's protocol: TCP when unset, as Kubernetes defaults it. */
    public static String protocolOf(String protocol) {
        return protocol == null || protocol.isEmpty() ? TCP : protocol;
    }

    public static String nodeName(Pod pod) {
        return pod.spec() == null || pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()
            ? null : pod.spec().nodeName();
    }
}
