package io.j8s.controller.namespace;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.NamespaceSpec;
import io.j8s.common.api.core.NamespaceStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.support.ConflictRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' namespace deleter for one terminating namespace: deletes everything in it (pods first, each
 * with its grace period, then every other namespaced kind, in the background so the garbage collector
 * takes care of dependents), reports progress in the namespace's status conditions, comes back while
 * content remains, and once the namespace is empty removes the {@code kubernetes} finalizer through
 * {@code /finalize}, upon which the API server deletes the namespace.
 */
final class NamespaceReconciler implements Reconciler {

    static final String FINALIZER = "kubernetes";
    private static final Logger log = LoggerFactory.getLogger(NamespaceReconciler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long objects held by finalizers are expected to take (Kubernetes' finalizerEstimateSeconds). */
    private static final long FINALIZER_ESTIMATE_SECONDS = 15;
    private static final long DEFAULT_TERMINATION_GRACE_SECONDS = 30;

    private final ApiClient client;
    private final Cache<Namespace> namespaces;
    private final EventRecorder recorder;
    private final Clock clock;

    NamespaceReconciler(ApiClient client, Cache<Namespace> namespaces, EventRecorder recorder, Clock clock) {
        this.client = client;
        this.namespaces = namespaces;
        this.recorder = recorder;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String name) {
        Optional<Namespace> cached = namespaces.get(null, name);
        if (cached.isEmpty() || !cached.get().metadata().beingDeleted()) {
            return Result.done();
        }
        Namespace namespace;
        try {
            namespace = client.get(Resources.NAMESPACES, null, name).block(TIMEOUT); // others edit it too
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Result.done();
            }
            throw e;
        }
        if (namespace == null || !namespace.metadata().beingDeleted()) {
            return Result.done();
        }
        namespace = ensureTerminating(namespace);
        if (!finalizersOf(namespace).contains(FINALIZER)) {
            return Result.done(); // finalized already: the API server removes it once others are done too
        }
        Instant deletedAt = Times.parse(namespace.metadata().deletionTimestamp());
        Content content = deleteAllContent(name, deletedAt);
        reportConditions(namespace, content.outcome());
        if (!content.outcome().failures().isEmpty()) {
            String message = DeletionConditions.contentFailureMessage(content.outcome().failures());
            log.warn("Namespace {}: {}", name, message);
            recorder.warning(namespace, "NamespaceDeletionContentFailure", "%s", message);
            return Result.requeue();
        }
        if (content.estimateSeconds() > 0) {
            log.info("Namespace {}: content remaining {}, looking again in about {}s", name,
                content.outcome().remaining(), content.estimateSeconds() / 2 + 1);
            return Result.requeueAfter(Duration.ofSeconds(content.estimateSeconds() / 2 + 1));
        }
        finalizeNamespace(namespace);
        return Result.done();
    }

    /** What one deletion pass found, and how long the remaining content should take to go. */
    private record Content(DeletionConditions.Outcome outcome, long estimateSeconds) {
    }

    private Content deleteAllContent(String namespace, Instant deletedAt) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        Map<String, Integer> finalizers = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        long estimate = 0;
        // Pods first, as Kubernetes' ordered namespace deletion: nothing they rely on goes before them.
        List<ResourceType<?>> kinds = Stream.concat(Stream.of(Resources.PODS),
            Resources.all().stream().filter(t -> t.namespaced() && t != Resources.PODS)).toList();
        for (ResourceType<?> kind : kinds) {
            estimate = Math.max(estimate, deleteAll(kind, namespace, deletedAt, remaining, finalizers, failures));
        }
        return new Content(new DeletionConditions.Outcome(remaining, finalizers, failures), estimate);
    }

    /**
     * Deletes every object of one kind in the namespace and counts what is left; returns how many seconds
     * the rest should take (pods: their grace period from the namespace's deletion on; objects held by
     * finalizers: 15 s). Content left without such a reason is reported as a failure.
     */
    private <T extends KubeObject<T>> long deleteAll(ResourceType<T> kind, String namespace, Instant deletedAt,
                                                    Map<String, Integer> remaining, Map<String, Integer> finalizers,
                                                    List<String> failures) {
        String resource = kind.plural() + "." + kind.group();
        try {
            List<T> items = client.listAll(kind, namespace, ListOptions.NONE).block(TIMEOUT).items();
            if (items.isEmpty()) {
                return 0;
            }
            long estimate = kind == Resources.PODS ? podEstimate(items, deletedAt) : 0;
            for (T item : items) {
                if (item.metadata().beingDeleted()) {
                    continue;
                }
                try {
                    client.delete(kind, namespace, item.name(), DeleteOptions.propagation(DeleteOptions.BACKGROUND))
                        .block(TIMEOUT);
                } catch (ApiException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
            }
            List<T> left = client.listAll(kind, namespace, ListOptions.NONE).block(TIMEOUT).items();
            if (left.isEmpty()) {
                return 0;
            }
            remaining.put(resource, left.size());
            boolean held = false;
            for (T item : left) {
                for (String f : item.metadata().finalizersOrEmpty()) {
                    finalizers.merge(f, 1, Integer::sum);
                    held = true;
                }
            }
            if (estimate > 0) {
                return estimate;
            }
            if (held) {
                return FINALIZER_ESTIMATE_SECONDS;
            }
            failures.add("unexpected items still remain in namespace: " + namespace + " for gvr: " + resource);
            return 0;
        } catch (ApiException e) {
            failures.add(resource + ": " + e.getMessage());
            return 0;
        }
    }

    /**
     * The longest termination grace period among the pods still running, or 0 once that long has passed
     * since the namespace's deletion began (Kubernetes' estimateGracefulTermination).
     */
    private long podEstimate(List<? extends KubeObject<?>> items, Instant deletedAt) {
        long estimate = 0;
        for (KubeObject<?> item : items) {
            Pod pod = (Pod) item;
            String phase = pod.status() == null ? null : pod.status().phase();
            if (PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase)) {
                continue;
            }
            Long grace = pod.spec() == null ? null : pod.spec().terminationGracePeriodSeconds();
            estimate = Math.max(estimate, grace == null ? DEFAULT_TERMINATION_GRACE_SECONDS : grace);
        }
        if (deletedAt != null && !Duration.between(deletedAt, clock.instant()).minusSeconds(estimate).isNegative()) {
            return 0;
        }
        return estimate;
    }

    private Namespace ensureTerminating(Namespace namespace) {
        if (namespace.status() != null && NamespaceStatus.TERMINATING.equals(namespace.status().phase())) {
            return namespace;
        }
        return ConflictRetry.update(client, Resources.NAMESPACES, namespace, true, latest -> {
            NamespaceStatus status = latest.status();
            if (status != null && NamespaceStatus.TERMINATING.equals(status.phase())) {
                return null;
            }
            return latest.withStatus(new NamespaceStatus(NamespaceStatus.TERMINATING,
                status == null ? null : status.extra()));
        }, TIMEOUT).orElse(namespace);
    }

    @SuppressWarnings("unchecked")
    private void reportConditions(Namespace namespace, DeletionConditions.Outcome outcome) {
        String now = Times.format(clock.instant());
        try {
            ConflictRetry.update(client, Resources.NAMESPACES, namespace, true, latest -> {
                NamespaceStatus status = latest.status() == null
                    ? NamespaceStatus.of(NamespaceStatus.TERMINATING) : latest.status();
                Object current = status.extra().get("conditions");
                List<Map<String, Object>> conditions = DeletionConditions.update(
                    current instanceof List<?> list ? (List<Map<String, Object>>) list : null, outcome, now);
                if (conditions == null) {
                    return null;
                }
                Map<String, Object> extra = new LinkedHashMap<>(status.extra());
                extra.put("conditions", conditions);
                return latest.withStatus(new NamespaceStatus(status.phase(), extra));
            }, TIMEOUT);
        } catch (ApiException e) {
            log.warn("Could not update the status conditions of namespace {}: {}", namespace.name(), e.getMessage());
        }
    }

    /** Removes our finalizer through /finalize, retrying on conflicts with a fresh read. */
    private void finalizeNamespace(Namespace namespace) {
        Namespace latest = namespace;
        for (int attempt = 1; ; attempt++) {
            List<String> remaining = finalizersOf(latest).stream().filter(f -> !FINALIZER.equals(f)).toList();
            NamespaceSpec spec = latest.spec() == null ? new NamespaceSpec(remaining, null)
                : new NamespaceSpec(remaining, latest.spec().extra());
            try {
                client.finalizeNamespace(latest.withSpec(spec)).block(TIMEOUT);
                log.info("Namespace {} is empty: removed the {} finalizer", namespace.name(), FINALIZER);
                return;
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    return;
                }
                if (!e.isConflict() || attempt >= 5) {
                    throw e;
                }
            }
            try {
                latest = client.get(Resources.NAMESPACES, null, namespace.name()).block(TIMEOUT);
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    return;
                }
                throw e;
            }
            if (latest == null || !finalizersOf(latest).contains(FINALIZER)) {
                return;
            }
        }
    }

    private static List<String> finalizersOf(Namespace namespace) {
        return namespace.spec() == null || namespace.spec().finalizers() == null ? List.of()
            : namespace.spec().finalizers();
    }
}
