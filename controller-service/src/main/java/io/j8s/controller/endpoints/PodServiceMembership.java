package io.j8s.controller.endpoints;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodIP;
import io.j8s.common.api.core.Service;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.labels.Selector;
import io.j8s.controller.support.Pods;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns pod changes into the keys of the Services whose selector matches the pod (before and after a label
 * change), as Kubernetes' GetPodServiceMemberships / GetServicesToUpdateOnPodChange. Changes that cannot
 * move an address (most status updates) enqueue nothing.
 */
final class PodServiceMembership implements ResourceEventHandler<Pod> {

    private final Cache<Service> services;
    private final Consumer<String> enqueue;

    PodServiceMembership(Cache<Service> services, Consumer<String> enqueue) {
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
    List<String> servicesOf(Pod pod) {
        Map<String, String> labels = pod.metadata().labels();
        return services.list(pod.metadata().namespace()).stream()
            .filter(service -> service.spec() != null && service.spec().selector() != null
                && !service.spec().selector().isEmpty()
                && Selector.fromSet(service.spec().selector()).matches(labels))
            .map(Cache::keyOf)
            .toList();
    }

    /** What an Endpoints address depends on besides labels: deletion, readiness, phase, IPs, node. */
    static boolean addressChanged(Pod oldPod, Pod newPod) {
        return !Objects.equals(oldPod.metadata().deletionTimestamp(), newPod.metadata().deletionTimestamp())
            || Pods.isReady(oldPod) != Pods.isReady(newPod)
            || !Objects.equals(Pods.phase(oldPod), Pods.phase(newPod))
            || !Objects.equals(podIp(oldPod), podIp(newPod))
            || !Objects.equals(podIps(oldPod), podIps(newPod))
            || !Objects.equals(nodeName(oldPod), nodeName(newPod));
    }

    private static List<Object> hostnameAndSubdomain(Pod pod) {
        if (pod.spec() == null) {
            return List.of();
        }
        return java.util.Arrays.asList(pod.spec().extra().get("hostname"), pod.spec().extra().get("subdomain"));
    }

    private static String podIp(Pod pod) {
        return pod.status() == null ? null : pod.status().podIP();
    }

    private static List<String> podIps(Pod pod) {
        if (pod.status() == null || pod.status().podIPs() == null) {
            return List.of();
        }
        return pod.status().podIPs().stream().map(PodIP::ip).toList();
    }

    private static String nodeName(Pod pod) {
        return pod.spec() == null ? null : pod.spec().nodeName();
    }
}
