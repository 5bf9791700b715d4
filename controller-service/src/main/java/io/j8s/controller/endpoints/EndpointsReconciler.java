package io.j8s.controller.endpoints;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ApiErrors;
import io.j8s.controller.support.EndpointPods;
import io.j8s.controller.support.ObjectKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' {@code syncService}: the Endpoints of one Service, from the local caches. A deleted Service
 * loses its Endpoints; a Service without selector (or of type ExternalName) is left to its owner, who
 * manages its Endpoints by hand; otherwise the Endpoints are created or updated when, and only when, their
 * subsets or labels differ from what the Service's pods call for.
 */
final class EndpointsReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(EndpointsReconciler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient client;
    private final Cache<Service> services;
    private final Cache<Pod> pods;
    private final Cache<Endpoints> endpoints;
    private final EventRecorder recorder;
    /**
     * The resourceVersion each Endpoints had before this controller last replaced it: while the cache still
     * shows that version it is out of date, and comparing with it could skip a needed write.
     */
    private final Map<String, String> replacedVersions = new ConcurrentHashMap<>();

    EndpointsReconciler(ApiClient client, Cache<Service> services, Cache<Pod> pods, Cache<Endpoints> endpoints,
                        EventRecorder recorder) {
        this.client = client;
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.recorder = recorder;
    }

    @Override
    public Result reconcile(String key) {
        String namespace = ObjectKeys.namespace(key);
        String name = ObjectKeys.name(key);
        Optional<Service> found = services.get(namespace, name);
        if (found.isEmpty()) {
            deleteEndpoints(namespace, name);
            replacedVersions.remove(key);
            return Result.done();
        }
        Service service = found.get();
        if (!EndpointPods.selectsPods(service)) {
            return Result.done(); // no selector: the user manages this Service's Endpoints
        }
        List<Pod> selected = pods.list(namespace, EndpointPods.selector(service));
        List<EndpointSubset> subsets = EndpointSubsets.forService(service, selected);
        Map<String, String> labels = labelsFor(service);

        Optional<Endpoints> current = endpoints.get(namespace, name);
        if (current.isPresent() && current.get().metadata().resourceVersion() != null
            && current.get().metadata().resourceVersion().equals(replacedVersions.get(key))) {
            log.debug("Endpoints {} in the cache are older than our last write; retrying", key);
            return Result.requeue();
        }
        if (current.isPresent() && upToDate(current.get(), subsets, service)) {
            return Result.done();
        }
        return current.isEmpty() ? create(service, subsets, labels) : update(current.get(), subsets, labels, key);
    }

    private Result create(Service service, List<EndpointSubset> subsets, Map<String, String> labels) {
        ObjectMeta meta = ObjectMeta.of(service.metadata().namespace(), service.metadata().name()).withLabels(labels);
        Endpoints desired = Endpoints.of(meta, subsets.isEmpty() ? null : subsets);
        try {
            client.create(Resources.ENDPOINTS, desired).block(TIMEOUT);
            log.info("Created Endpoints {} with {}", meta.key(), describe(subsets));
            return Result.done();
        } catch (ApiException e) {
            if (ApiErrors.isNamespaceTerminating(e)) {
                // Creates keep failing until the namespace is gone: nothing to do (Kubernetes drops the key too).
                log.debug("Not creating Endpoints {}: {}", meta.key(), e.getMessage());
                return Result.done();
            }
            if (e.isAlreadyExists()) {
                return Result.requeue(); // the cache has not seen it yet
            }
            recorder.warning(desired, "FailedToCreateEndpoint", "Failed to create endpoint for service %s/%s: %s",
                meta.namespace(), meta.name(), e.getMessage());
            throw e;
        }
    }

    private Result update(Endpoints current, List<EndpointSubset> subsets, Map<String, String> labels, String key) {
        Endpoints desired = current.withMetadata(current.metadata().withLabels(labels))
            .withSubsets(subsets.isEmpty() ? null : subsets);
        try {
            Endpoints written = client.update(Resources.ENDPOINTS, desired).block(TIMEOUT);
            if (written != null && !current.metadata().resourceVersion().equals(written.metadata().resourceVersion())) {
                replacedVersions.put(key, current.metadata().resourceVersion());
            }
            log.info("Updated Endpoints {} to {}", key, describe(subsets));
            return Result.done();
        } catch (ApiException e) {
            if (e.isConflict() || e.isNotFound()) {
                return Result.requeue(); // the cache is behind: look again once it has caught up
            }
            recorder.warning(desired, "FailedToUpdateEndpoint", "Failed to update endpoint %s/%s: %s",
                current.metadata().namespace(), current.metadata().name(), e.getMessage());
            throw e;
        }
    }

    private void deleteEndpoints(String namespace, String name) {
        if (endpoints.get(namespace, name).isEmpty()) {
            return;
        }
        try {
            client.delete(Resources.ENDPOINTS, namespace, name, DeleteOptions.defaults()).block(TIMEOUT);
            log.info("Deleted Endpoints {}/{}: its Service is gone", namespace, name);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /** Subsets equal (in canonical form) and labels equal to the Service's, ignoring the headless label. */
    private static boolean upToDate(Endpoints current, List<EndpointSubset> subsets, Service service) {
        Map<String, String> currentLabels = new LinkedHashMap<>(current.metadata().labelsOrEmpty());
        currentLabels.remove(EndpointPods.HEADLESS_LABEL);
        boolean headlessLabelRight = current.metadata().labelsOrEmpty().containsKey(EndpointPods.HEADLESS_LABEL)
            == EndpointPods.headless(service);
        return EndpointSubsets.repack(current.subsets()).equals(subsets)
            && currentLabels.equals(service.metadata().labelsOrEmpty())
            && headlessLabelRight;
    }

    /** The Service's labels, plus the headless label when it has no cluster IP. */
    static Map<String, String> labelsFor(Service service) {
        Map<String, String> labels = new LinkedHashMap<>(service.metadata().labelsOrEmpty());
        if (EndpointPods.headless(service)) {
            labels.put(EndpointPods.HEADLESS_LABEL, "");
        } else {
            labels.remove(EndpointPods.HEADLESS_LABEL);
        }
        return labels;
    }

    private static String describe(List<EndpointSubset> subsets) {
        int ready = 0;
        int notReady = 0;
        for (EndpointSubset subset : subsets) {
            ready += subset.addresses() == null ? 0 : subset.addresses().size();
            notReady += subset.notReadyAddresses() == null ? 0 : subset.notReadyAddresses().size();
        }
        return ready + " ready and " + notReady + " not-ready addresses";
    }
}
