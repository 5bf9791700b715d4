package io.j8s.controller.endpointslice;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.discovery.Endpoint;
import io.j8s.common.api.discovery.EndpointPort;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.controller.support.EndpointPods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans the writes that turn a Service's current EndpointSlices into the ones its pods call for (Kubernetes'
 * endpointslice Reconciler: reconcile, reconcileByAddressType, reconcileByPortMapping and finalize). Endpoints are
 * grouped by address type and by the ports they serve; each group fills slices of at most
 * {@code maxEndpointsPerSlice}. Existing slices are changed in place where possible, so a pod coming or going
 * rewrites one slice, not all of them; a Service without endpoints keeps one empty placeholder slice. Pure: it reads
 * nothing but its arguments.
 */
final class SlicePlanner {

    /** The value of the managed-by label on the slices this controller owns, as in Kubernetes. */
    static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    /** Kubernetes' default --max-endpoints-per-slice. */
    static final int DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

    private final int maxEndpointsPerSlice;

    SlicePlanner(int maxEndpointsPerSlice) {
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /**
     * @param existing   the slices labelled as this controller's for the Service
     * @param zoneOfNode the {@code topology.kubernetes.io/zone} of a node, null when unknown
     */
    SlicePlan plan(Service service, List<Pod> pods, List<EndpointSlice> existing, Function<String, String> zoneOfNode) {
        Set<String> addressTypes = DesiredEndpoints.addressTypes(service);
        List<EndpointSlice> toCreate = new ArrayList<>();
        List<EndpointSlice> toUpdate = new ArrayList<>();
        List<EndpointSlice> toDelete = new ArrayList<>();
        Map<String, List<EndpointSlice>> byAddressType = new LinkedHashMap<>();
        for (EndpointSlice slice : existing) {
            if (addressTypes.contains(slice.addressType())) {
                byAddressType.computeIfAbsent(slice.addressType(), t -> new ArrayList<>()).add(slice);
            } else {
                toDelete.add(slice); // the Service no longer has that address family
            }
        }
        List<Pod> ordered = new ArrayList<>(pods);
        ordered.sort(Comparator.comparing(p -> p.metadata().name()));
        for (String addressType : addressTypes) {
            SlicePlan plan = planAddressType(service, ordered, byAddressType.getOrDefault(addressType, List.of()),
                addressType, zoneOfNode);
            toCreate.addAll(plan.toCreate());
            toUpdate.addAll(plan.toUpdate());
            toDelete.addAll(plan.toDelete());
        }
        return new SlicePlan(toCreate, toUpdate, toDelete);
    }

    private SlicePlan planAddressType(Service service, List<Pod> pods, List<EndpointSlice> existing, String addressType,
                                      Function<String, String> zoneOfNode) {
        List<EndpointSlice> toCreate = new ArrayList<>();
        List<EndpointSlice> toUpdate = new ArrayList<>();
        List<EndpointSlice> toDelete = new ArrayList<>();

        Map<List<EndpointPort>, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
        for (EndpointSlice slice : existing) {
            if (ownedBy(slice, service)) {
                existingByPorts.computeIfAbsent(DesiredEndpoints.canonical(slice.ports()), p -> new ArrayList<>())
                    .add(slice);
            } else {
                toDelete.add(slice); // left by an earlier Service of the same name
            }
        }

        Map<List<EndpointPort>, Map<String, Endpoint>> desiredByPorts = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!EndpointPods.shouldPodBeInEndpoints(pod, true)) {
                continue;
            }
            String node = EndpointPods.nodeName(pod);
            DesiredEndpoints.endpointOf(pod, service, addressType, node == null ? null : zoneOfNode.apply(node))
                .ifPresent(endpoint -> desiredByPorts
                    .computeIfAbsent(DesiredEndpoints.portsOf(service, pod), p -> new LinkedHashMap<>())
                    .putIfAbsent(DesiredEndpoints.identity(endpoint), endpoint));
        }

        desiredByPorts.forEach((ports, desired) -> {
            SlicePlan plan = planPorts(service, addressType, ports, existingByPorts.getOrDefault(ports, List.of()),
                desired);
            toCreate.addAll(plan.toCreate());
            toUpdate.addAll(plan.toUpdate());
            toDelete.addAll(plan.toDelete());
        });
        existingByPorts.forEach((ports, slices) -> {
            if (!desiredByPorts.containsKey(ports)) {
                toDelete.addAll(slices);
            }
        });

        if (existing.size() == toDelete.size() && toCreate.isEmpty()) {
            EndpointSlice placeholder = newSlice(service, addressType, List.of());
            if (toDelete.size() == 1 && isPlaceholder(toDelete.get(0), placeholder)) {
                toDelete.clear(); // the placeholder is already there
            } else {
                toCreate.add(placeholder);
            }
        }
        return reuseDeletedSlices(service, toCreate, toUpdate, toDelete);
    }

    /**
     * One group of endpoints serving the same ports: existing slices drop endpoints no longer wanted and take the
     * changes of the ones still wanted; the new endpoints fill the slices already being rewritten, then the fullest
     * unchanged slice they fit in, then new slices.
     */
    private SlicePlan planPorts(Service service, String addressType, List<EndpointPort> ports,
                                List<EndpointSlice> existing, Map<String, Endpoint> desired) {
        Map<String, Endpoint> remaining = new LinkedHashMap<>(desired);
        Map<String, EndpointSlice> unchanged = new LinkedHashMap<>();
        Map<String, EndpointSlice> updated = new LinkedHashMap<>();
        List<EndpointSlice> toDelete = new ArrayList<>();
        Map<String, String> labels = labelsFor(service);

        for (EndpointSlice slice : existing) {
            List<Endpoint> kept = new ArrayList<>();
            boolean endpointChanged = false;
            for (Endpoint endpoint : slice.endpointsOrEmpty()) {
                Endpoint wanted = remaining.remove(DesiredEndpoints.identity(endpoint));
                if (wanted != null) {
                    kept.add(wanted);
                    endpointChanged |= !wanted.equals(endpoint);
                }
            }
            boolean labelsChanged = !labels.equals(slice.metadata().labelsOrEmpty());
            if (endpointChanged || kept.size() != slice.endpointsOrEmpty().size()) {
                if (kept.isEmpty()) {
                    toDelete.add(slice);
                } else {
                    updated.put(slice.metadata().name(), relabelled(slice, labels).withEndpoints(kept));
                }
            } else if (labelsChanged) {
                updated.put(slice.metadata().name(), relabelled(slice, labels));
            } else {
                unchanged.put(slice.metadata().name(), slice);
            }
        }

        if (!remaining.isEmpty() && !updated.isEmpty()) {
            List<String> fullestFirst = new ArrayList<>(updated.keySet());
            fullestFirst.sort(Comparator.comparing((String name) -> updated.get(name).endpointsOrEmpty().size())
                .reversed());
            for (String name : fullestFirst) {
                updated.put(name, fill(updated.get(name), remaining));
            }
        }

        List<EndpointSlice> toCreate = new ArrayList<>();
        while (!remaining.isEmpty()) {
            EndpointSlice target = remaining.size() < maxEndpointsPerSlice
                ? sliceToFill(unchanged.values(), remaining.size()) : null;
            if (target == null) {
                toCreate.add(fill(newSlice(service, addressType, ports), remaining));
            } else {
                unchanged.remove(target.metadata().name());
                updated.put(target.metadata().name(), fill(target, remaining));
            }
        }
        return new SlicePlan(toCreate, List.copyOf(updated.values()), toDelete);
    }

    /** Moves endpoints from {@code remaining} into the slice up to its capacity. */
    private EndpointSlice fill(EndpointSlice slice, Map<String, Endpoint> remaining) {
        List<Endpoint> endpoints = new ArrayList<>(slice.endpointsOrEmpty());
        Iterator<Endpoint> next = remaining.values().iterator();
        while (next.hasNext() && endpoints.size() < maxEndpointsPerSlice) {
            endpoints.add(next.next());
            next.remove();
        }
        return slice.withEndpoints(List.copyOf(endpoints));
    }

    /** The slice that would be closest to full after taking {@code count} more endpoints (getSliceToFill). */
    private EndpointSlice sliceToFill(Iterable<EndpointSlice> slices, int count) {
        EndpointSlice best = null;
        int closest = maxEndpointsPerSlice;
        for (EndpointSlice slice : slices) {
            int room = maxEndpointsPerSlice - (count + slice.endpointsOrEmpty().size());
            if (room >= 0 && room < closest) {
                closest = room;
                best = slice;
            }
        }
        return best;
    }

    /**
     * finalize's first step: a slice that would be created while another of the same address type is deleted
     * takes the deleted one's place (an update), so churn never shows as a slice disappearing and another appearing.
     */
    private static SlicePlan reuseDeletedSlices(Service service, List<EndpointSlice> toCreate,
                                                List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete) {
        List<EndpointSlice> creates = new ArrayList<>(toCreate);
        List<EndpointSlice> updates = new ArrayList<>(toUpdate);
        List<EndpointSlice> deletes = new ArrayList<>();
        for (EndpointSlice deleted : toDelete) {
            if (!creates.isEmpty() && ownedBy(deleted, service)
                && Objects.equals(deleted.addressType(), creates.get(creates.size() - 1).addressType())) {
                EndpointSlice created = creates.remove(creates.size() - 1);
                updates.add(new EndpointSlice(deleted.apiVersion(), deleted.kind(),
                    deleted.metadata().withLabels(created.metadata().labels()), created.addressType(),
                    created.endpoints(), created.ports(), deleted.extra()));
            } else {
                deletes.add(deleted);
            }
        }
        return new SlicePlan(creates, updates, deletes);
    }

    /** A new, empty slice of the Service, named by the API server from the Service's name (newEndpointSlice). */
    static EndpointSlice newSlice(Service service, String addressType, List<EndpointPort> ports) {
        ObjectMeta meta = ObjectMeta.of(service.metadata().namespace(), null)
            .withGenerateName(service.metadata().name() + "-")
            .withLabels(labelsFor(service))
            .withOwnerReferences(List.of(ownerReference(service)));
        return EndpointSlice.of(meta, addressType, List.of(), ports);
    }

    /**
     * The Service's labels, except the reserved ones, plus the reserved ones as this controller sets them: the
     * Service's name, managed-by, and the headless label for Services without a cluster IP (setEndpointSliceLabels).
     */
    static Map<String, String> labelsFor(Service service) {
        Map<String, String> labels = new LinkedHashMap<>();
        service.metadata().labelsOrEmpty().forEach((key, value) -> {
            if (!isReservedLabel(key)) {
                labels.put(key, value);
            }
        });
        if (EndpointPods.headless(service)) {
            labels.put(EndpointPods.HEADLESS_LABEL, "");
        }
        labels.put(EndpointSlice.LABEL_SERVICE_NAME, service.metadata().name());
        labels.put(EndpointSlice.LABEL_MANAGED_BY, CONTROLLER_NAME);
        return labels;
    }

    private static boolean isReservedLabel(String key) {
        return key.equals(EndpointSlice.LABEL_SERVICE_NAME) || key.equals(EndpointSlice.LABEL_MANAGED_BY)
            || key.equals(EndpointPods.HEADLESS_LABEL);
    }

    static OwnerReference ownerReference(Service service) {
        return new OwnerReference("v1", "Service", service.metadata().name(), service.metadata().uid(), true, true,
            null);
    }

    static boolean ownedBy(EndpointSlice slice, Service service) {
        return slice.metadata().ownerReferencesOrEmpty().stream().anyMatch(owner ->
            Objects.equals(owner.uid(), service.metadata().uid()) && "Service".equals(owner.kind())
                && "v1".equals(owner.apiVersion()));
    }

    /** Kubernetes' placeholderSliceCompare: same namespace, labels, address type, and no endpoints or ports. */
    private static boolean isPlaceholder(EndpointSlice slice, EndpointSlice placeholder) {
        return Objects.equals(slice.metadata().namespace(), placeholder.metadata().namespace())
            && slice.metadata().labelsOrEmpty().equals(placeholder.metadata().labelsOrEmpty())
            && Objects.equals(slice.addressType(), placeholder.addressType())
            && slice.endpointsOrEmpty().isEmpty() && slice.portsOrEmpty().isEmpty();
    }

    private static EndpointSlice relabelled(EndpointSlice slice, Map<String, String> labels) {
        return slice.withMetadata(slice.metadata().withLabels(labels));
    }
}
