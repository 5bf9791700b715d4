package io.j8s.controller.endpointslice;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.labels.Selector;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ApiErrors;
import io.j8s.controller.support.EndpointPods;
import io.j8s.controller.support.ObjectKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' EndpointSlice {@code syncService}: the slices of one Service, from the local caches. A Service with a
 * selector gets slices listing the pods it selects ({@link SlicePlanner} decides which writes); one without a
 * selector, or of type ExternalName, gets none from this controller (slices someone else manages are left alone);
 * a deleted Service's slices go with it through their owner reference (the garbage collector).
 */
final class EndpointSliceReconciler implements Reconciler {

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final Logger log = LoggerFactory.getLogger(EndpointSliceReconciler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final Cache<Service> services;
    private final Cache<Pod> pods;
    private final Cache<EndpointSlice> slices;
    private final Cache<Node> nodes;
    private final EndpointSliceTracker tracker;
    private final SlicePlanner planner;
    private final EventRecorder recorder;

    EndpointSliceReconciler(ApiClient client, Cache<Service> services, Cache<Pod> pods, Cache<EndpointSlice> slices,
                            Cache<Node> nodes, EndpointSliceTracker tracker, SlicePlanner planner,
                            EventRecorder recorder) {
        this.client = client;
        this.services = services;
        this.pods = pods;
        this.slices = slices;
        this.nodes = nodes;
        this.tracker = tracker;
        this.planner = planner;
        this.recorder = recorder;
    }

    /** The slices this controller manages for the Service {@code name}: by its labels, as Kubernetes lists them. */
    static Selector managedSlicesOf(String serviceName) {
        return Selector.fromSet(Map.of(EndpointSlice.LABEL_SERVICE_NAME, serviceName,
            EndpointSlice.LABEL_MANAGED_BY, SlicePlanner.CONTROLLER_NAME));
    }

    @Override
    public Result reconcile(String key) {
        String namespace = ObjectKeys.namespace(key);
        String name = ObjectKeys.name(key);
        Optional<Service> found = services.get(namespace, name);
        if (found.isEmpty()) {
            tracker.forget(key);
            return Result.done();
        }
        if (tracker.stale(key, namespace, slices)) {
            log.debug("EndpointSlices of {} in the cache are older than our last writes; retrying", key);
            return Result.requeue();
        }
        Service service = found.get();
        List<EndpointSlice> managed = slices.list(namespace, managedSlicesOf(name));
        SlicePlan plan = EndpointPods.selectsPods(service)
            ? planner.plan(service, pods.list(namespace, EndpointPods.selector(service)), managed, this::zoneOf)
            : SlicePlan.deleting(managed);
        if (plan.isEmpty()) {
            return Result.done();
        }
        try {
            return apply(key, service, plan);
        } catch (ApiException e) {
            recorder.warning(service, "FailedToUpdateEndpointSlices", "Error updating Endpoint Slices for Service %s: %s",
                key, ApiErrors.messageOf(e));
            throw e;
        }
    }

    /** Kubernetes' finalize: creates (not for a Service being deleted), then updates, then deletes. */
    private Result apply(String key, Service service, SlicePlan plan) {
        if (!service.metadata().beingDeleted()) {
            for (EndpointSlice slice : plan.toCreate()) {
                try {
                    EndpointSlice created = client.create(Resources.ENDPOINT_SLICES, slice).block(TIMEOUT);
                    tracker.written(key, created);
                    log.info("Created EndpointSlice {} for Service {} ({})", created.metadata().key(), key,
                        describe(created));
                } catch (ApiException e) {
                    if (ApiErrors.isNamespaceTerminating(e)) {
                        log.debug("Not creating EndpointSlices of {}: {}", key, e.getMessage());
                        return Result.done(); // creates fail until the namespace is gone, as in Kubernetes
                    }
                    throw e;
                }
            }
        }
        for (EndpointSlice slice : plan.toUpdate()) {
            try {
                EndpointSlice updated = client.update(Resources.ENDPOINT_SLICES, slice).block(TIMEOUT);
                tracker.written(key, updated);
                log.info("Updated EndpointSlice {} of Service {} ({})", updated.metadata().key(), key,
                    describe(updated));
            } catch (ApiException e) {
                if (e.isConflict() || e.isNotFound()) {
                    return Result.requeue(); // the cache is behind: look again once it has caught up
                }
                throw e;
            }
        }
        for (EndpointSlice slice : plan.toDelete()) {
            try {
                client.delete(Resources.ENDPOINT_SLICES, slice.metadata().namespace(), slice.metadata().name(),
                    DeleteOptions.defaults().withPreconditions(slice.metadata().uid(), null)).block(TIMEOUT);
                log.info("Deleted EndpointSlice {} of Service {}", slice.metadata().key(), key);
            } catch (ApiException e) {
                if (!e.isNotFound() && !e.isConflict()) {
                    throw e;
                }
            }
            tracker.deleted(key, slice);
        }
        return Result.done();
    }

    private String zoneOf(String nodeName) {
        return nodes.get(null, nodeName).map(node -> node.metadata().labelsOrEmpty().get(ZONE_LABEL)).orElse(null);
    }

    private static String describe(EndpointSlice slice) {
        long ready = slice.endpointsOrEmpty().stream()
            .filter(e -> e.conditions() == null || !Boolean.FALSE.equals(e.conditions().ready()))
            .count();
        return slice.addressType() + ", " + ready + " ready of " + slice.endpointsOrEmpty().size() + " endpoints";
    }
}
