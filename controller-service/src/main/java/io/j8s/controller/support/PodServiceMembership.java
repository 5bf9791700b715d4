package io.j8s.controller.support;

import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns pod changes into the keys of the Services whose selector matches the pod (before and after a label
 * change), as Kubernetes' GetPodServiceMemberships / GetServicesToUpdateOnPodChange, for the Endpoints and
 * EndpointSlice controllers. Changes that cannot move an endpoint (most status updates) enqueue nothing.
 */
public final class PodServiceMembership implements ResourceEventHandler<Pod> {

    private final Cache<Service> services;
    private final Consumer<String> enqueue;

    public PodServiceMembership(Cache<Service> services, Consumer<String> enqueue) {
        this.services = services;
        this.enqueue = enqueue;
    }

    @Override
    public void onAdd(Pod pod) {
        servicesOf(pod).forEach(enqueue);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        if (Objects.equals(oldPod.metadata().resourceVersion(), newPod.metadata().resourceVersion())) {
            return; // a resync: Services resync themselves
        }
        boolean membershipChanged = !Objects.equals(oldPod.metadata().labels(), newPod.metadata().labels())
            || !Objects.equals(hostnameAndSubdomain(oldPod), hostnameAndSubdomain(newPod));
        if (membershipChanged) {
            Set<String> keys = new LinkedHashSet<>(servicesOf(oldPod));
            keys.addAll(servicesOf(newPod));
            keys.forEach(enqueue);
        } else if (addressChanged(oldPod, newPod)) {
            servicesOf(newPod).forEach(enqueue);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        servicesOf(pod).forEach(enqueue);
    }

    /** The keys of the Services (with a selector) in the pod's namespace that select it. */
    public List<String> servicesOf(Pod pod) {
        Map<String, String> labels = pod.metadata().labels();
        return services.list(pod.metadata().namespace()).stream()
            .filter(service -> EndpointPods.selectsPods(service) && EndpointPods.selector(service).matches(labels))
            .map(Cache::keyOf)
            .toList();
    }

    /**
     * What an endpoint depends on besides labels: deletion, readiness, phase, IPs, node, and the host ports the
     * node agent published the pod's ports on.
     */
    static boolean addressChanged(Pod oldPod, Pod newPod) {
        return !Objects.equals(oldPod.metadata().deletionTimestamp(), newPod.metadata().deletionTimestamp())
            || Pods.isReady(oldPod) != Pods.isReady(newPod)
            || !Objects.equals(Pods.phase(oldPod), Pods.phase(newPod))
            || !Objects.equals(EndpointPods.podIp(oldPod), EndpointPods.podIp(newPod))
            || !Objects.equals(EndpointPods.podIps(oldPod), EndpointPods.podIps(newPod))
            || !Objects.equals(EndpointPods.nodeName(oldPod), EndpointPods.nodeName(newPod))
            || !Objects.equals(hostPorts(oldPod), hostPorts(newPod));
    }

    private static String hostPorts(Pod pod) {
        return pod.metadata().annotationsOrEmpty().get(HostPorts.ANNOTATION);
    }

    private static List<Object> hostnameAndSubdomain(Pod pod) {
        if (pod.spec() == null) {
            return List.of();
        }
        return Arrays.asList(pod.spec().extra().get("hostname"), pod.spec().extra().get("subdomain"));
    }
}
