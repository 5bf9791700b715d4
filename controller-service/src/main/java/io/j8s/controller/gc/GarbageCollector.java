package io.j8s.controller.gc;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.events.EventRecorder;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.Indexes;
import io.j8s.common.reconcile.Reconciler;
import io.j8s.common.reconcile.Result;
import io.j8s.controller.gc.OwnerReferences.Decision;
import io.j8s.controller.gc.OwnerReferences.OwnerState;
import io.j8s.controller.support.ConflictRetry;
import io.j8s.controller.support.ObjectKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector over the kinds it watches, one object per key ({@code <resource>|<ns/name>}):
 * <ul>
 * <li>an object whose owners are all gone (by uid; a cache miss is confirmed with a GET) is deleted; one
 * that still has an owner loses only the references to the missing ones;</li>
 * <li>an owner deleted with propagationPolicy Foreground (finalizer {@code foregroundDeletion}) has all its
 * dependents deleted first, and keeps the finalizer until none that blocks it (blockOwnerDeletion) is left;
 * dependents with dependents of their own are deleted in the foreground too, so the wait cascades;</li>
 * <li>an owner deleted with Orphan (finalizer {@code orphan}) first has its references removed from every
 * dependent, then the finalizer.</li>
 * </ul>
 * Background deletion needs no finalizer: the owner goes at once and its dependents follow here.
 */
final class GarbageCollector implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How often an owner waiting for its dependents looks again, besides being woken by their deletion. */
    private static final Duration DEPENDENTS_POLL = Duration.ofSeconds(5);
    private static final int ABSENT_OWNERS_REMEMBERED = 1000;

    /** A kind the collector watches, with its informer's cache. */
    record Watched<T extends KubeObject<T>>(ResourceType<T> type, Cache<T> cache) {
    }

    private final ApiClient client;
    private final Map<String, Watched<?>> watched = new LinkedHashMap<>();
    private final EventRecorder recorder;
    private volatile Consumer<String> enqueue = key -> { };
    /** Uids known not to exist (Kubernetes' absentOwnerCache): dependents of the same dead owner cost no GET. */
    private final Set<String> absentOwners = Collections.synchronizedSet(Collections.newSetFromMap(
        new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > ABSENT_OWNERS_REMEMBERED;
            }
        }));

    GarbageCollector(ApiClient client, List<Watched<?>> kinds, EventRecorder recorder) {
        this.client = client;
        kinds.forEach(w -> watched.put(resourceId(w.type()), w));
        this.recorder = recorder;
    }

    void enqueueWith(Consumer<String> enqueue) {
        this.enqueue = enqueue;
    }

    // ---- keys

    static String resourceId(ResourceType<?> type) {
        return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    }

    /** The work queue key of an object of a watched kind. */
    static String keyOf(KubeObject<?> object) {
        return Resources.findByKind(object.apiVersion(), object.kind())
            .map(type -> resourceId(type) + "|" + Cache.keyOf(object))
            .orElseThrow(() -> new IllegalArgumentException("unknown kind " + object.kind()));
    }

    /** The key of the owner a reference of {@code dependent} names, when its kind is watched. */
    Optional<String> ownerKey(OwnerReference reference, KubeObject<?> dependent) {
        return Resources.findByKind(reference.apiVersion(), reference.kind())
            .filter(type -> watched.containsKey(resourceId(type)))
            .map(type -> resourceId(type) + "|"
                + ObjectKeys.of(type.namespaced() ? dependent.namespace() : null, reference.name()));
    }

    // ---- reconcile

    @Override
    public Result reconcile(String key) {
        int bar = key.indexOf('|');
        Watched<?> kind = bar < 0 ? null : watched.get(key.substring(0, bar));
        if (kind == null) {
            return Result.done();
        }
        return reconcile(kind, key.substring(bar + 1));
    }

    private <T extends KubeObject<T>> Result reconcile(Watched<T> kind, String objectKey) {
        Optional<T> found = kind.cache().getByKey(objectKey);
        if (found.isEmpty()) {
            return Result.done(); // its dependents were enqueued when it went
        }
        T item = found.get();
        if (item.metadata().beingDeleted()) {
            if (OwnerReferences.orphaningDependents(item)) {
                return orphanDependents(kind, item);
            }
            if (OwnerReferences.deletingDependents(item)) {
                return deleteDependents(kind, item);
            }
            return Result.done(); // on its way out; its dependents follow once it is gone
        }
        List<OwnerReference> references = item.metadata().ownerReferencesOrEmpty();
        if (references.isEmpty()) {
            return Result.done();
        }
        Map<String, OwnerState> states = new LinkedHashMap<>();
        for (OwnerReference reference : references) {
            states.put(reference.uid(), ownerState(reference, item));
        }
        Decision decision = OwnerReferences.decide(references, states, !cachedDependents(item).isEmpty(),
            item.metadata().finalizersOrEmpty());
        if (decision instanceof Decision.RemoveReferences remove) {
            removeReferences(kind, item, remove.uids());
            return Result.done();
        }
        if (decision instanceof Decision.Delete delete) {
            return deleteItem(kind, item, delete.propagationPolicy(), states);
        }
        return Result.done();
    }

    /** Whether the owner a reference names exists (by uid) and whether it waits for its dependents. */
    private OwnerState ownerState(OwnerReference reference, KubeObject<?> dependent) {
        Optional<ResourceType<?>> type = Resources.findByKind(reference.apiVersion(), reference.kind());
        if (type.isEmpty() || reference.uid() == null) {
            log.debug("{} refers to an owner of unknown kind {} {}: kept", describe(dependent),
                reference.apiVersion(), reference.kind());
            return OwnerState.SOLID; // unresolvable: never collected on its account
        }
        boolean dependentNamespaced = dependent.namespace() != null && !dependent.namespace().isEmpty();
        if (type.get().namespaced() && !dependentNamespaced) {
            recorder.warning(dependent, "OwnerRefInvalidNamespace",
                "ownerRef [%s/%s, namespace: , name: %s, uid: %s] does not exist in namespace \"\"",
                reference.apiVersion(), reference.kind(), reference.name(), reference.uid());
            return OwnerState.SOLID;
        }
        if (absentOwners.contains(reference.uid())) {
            return OwnerState.DANGLING;
        }
        Optional<? extends KubeObject<?>> owner = findOwner(type.get(), reference, dependent.namespace());
        if (owner.isEmpty()) {
            absentOwners.add(reference.uid());
            return OwnerState.DANGLING;
        }
        return OwnerReferences.deletingDependents(owner.get()) ? OwnerState.WAITING_FOR_DEPENDENTS : OwnerState.SOLID;
    }

    /** The owner with the reference's uid: from the cache, or (the cache may lag behind) from the API server. */
    private <O extends KubeObject<O>> Optional<O> findOwner(ResourceType<O> type, OwnerReference reference,
                                                            String dependentNamespace) {
        String namespace = type.namespaced() ? dependentNamespace : null;
        Watched<?> kind = watched.get(resourceId(type));
        if (kind != null) {
            @SuppressWarnings("unchecked")
            Optional<O> cached = (Optional<O>) kind.cache().get(namespace, reference.name());
            if (cached.isPresent() && reference.uid().equals(cached.get().metadata().uid())) {
                return cached;
            }
        }
        try {
            O live = client.get(type, namespace, reference.name()).block(TIMEOUT);
            return live != null && reference.uid().equals(live.metadata().uid()) ? Optional.of(live) : Optional.empty();
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T extends KubeObject<T>> Result deleteItem(Watched<T> kind, T item, String policy,
                                                       Map<String, OwnerState> states) {
        try {
            client.delete(kind.type(), item.namespace(), item.name(), DeleteOptions.propagation(policy)
                .withPreconditions(item.metadata().uid(), item.metadata().resourceVersion())).block(TIMEOUT);
            log.info("Deleted {} ({} propagation): owners {}", describe(item), policy, states);
            return Result.done();
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Result.done();
            }
            if (e.isConflict()) {
                return Result.requeue(); // changed since the cache saw it: decide again on the latest
            }
            throw e;
        }
    }

    private <T extends KubeObject<T>> void removeReferences(Watched<T> kind, T item, Set<String> uids) {
        ConflictRetry.update(client, kind.type(), item, false, latest -> {
            List<OwnerReference> references = latest.metadata().ownerReferencesOrEmpty();
            if (references.stream().noneMatch(r -> uids.contains(r.uid()))) {
                return null;
            }
            return latest.withMetadata(latest.metadata()
                .withOwnerReferences(OwnerReferences.without(references, uids)));
        }, TIMEOUT).ifPresent(written -> log.info("Removed owner references {} from {}", uids, describe(item)));
    }

    // ---- owners being deleted

    /**
     * Foreground deletion: every dependent is deleted (each decides how in its own reconcile); the owner's
     * finalizer goes once no dependent blocking it remains, as the API server confirms.
     */
    private <T extends KubeObject<T>> Result deleteDependents(Watched<T> kind, T owner) {
        String uid = owner.metadata().uid();
        List<KubeObject<?>> dependents = cachedDependents(owner);
        dependents.stream()
            .filter(d -> !d.metadata().beingDeleted() || OwnerReferences.deletingDependents(d))
            .forEach(d -> enqueue.accept(keyOf(d)));
        if (dependents.stream().anyMatch(d -> OwnerReferences.blocks(d, uid))) {
            return Result.requeueAfter(DEPENDENTS_POLL);
        }
        List<KubeObject<?>> blocking = liveDependents(owner).stream()
            .filter(d -> OwnerReferences.blocks(d, uid)).toList();
        if (!blocking.isEmpty()) {
            blocking.forEach(d -> enqueue.accept(keyOf(d)));
            return Result.requeueAfter(DEPENDENTS_POLL);
        }
        removeFinalizer(kind, owner, OwnerReferences.FOREGROUND_FINALIZER);
        log.info("Dependents of {} are gone: removed its {} finalizer", describe(owner),
            OwnerReferences.FOREGROUND_FINALIZER);
        return Result.done();
    }

    /** Orphan deletion: the owner's references are removed from every dependent, then its finalizer. */
    private <T extends KubeObject<T>> Result orphanDependents(Watched<T> kind, T owner) {
        String uid = owner.metadata().uid();
        int orphaned = 0;
        for (Watched<?> dependentKind : watched.values()) {
            orphaned += orphan(dependentKind, owner, uid);
        }
        removeFinalizer(kind, owner, OwnerReferences.ORPHAN_FINALIZER);
        log.info("Orphaned {} dependents of {}: removed its {} finalizer", orphaned, describe(owner),
            OwnerReferences.ORPHAN_FINALIZER);
        return Result.done();
    }

    private <D extends KubeObject<D>> int orphan(Watched<D> kind, KubeObject<?> owner, String uid) {
        List<D> dependents = liveDependents(kind, owner);
        for (D dependent : dependents) {
            removeReferences(kind, dependent, Set.of(uid));
        }
        return dependents.size();
    }

    private <T extends KubeObject<T>> void removeFinalizer(Watched<T> kind, T owner, String finalizer) {
        ConflictRetry.update(client, kind.type(), owner, false, latest -> {
            List<String> finalizers = latest.metadata().finalizersOrEmpty();
            if (!finalizers.contains(finalizer)) {
                return null;
            }
            List<String> remaining = finalizers.stream().filter(f -> !f.equals(finalizer)).toList();
            return latest.withMetadata(latest.metadata().withFinalizers(remaining.isEmpty() ? null : remaining));
        }, TIMEOUT);
    }

    // ---- dependents

    /** The dependents of {@code owner} in the caches of every watched kind. */
    List<KubeObject<?>> cachedDependents(KubeObject<?> owner) {
        String uid = owner.metadata().uid();
        boolean namespacedOwner = owner.namespace() != null && !owner.namespace().isEmpty();
        List<KubeObject<?>> dependents = new ArrayList<>();
        for (Watched<?> kind : watched.values()) {
            for (KubeObject<?> candidate : kind.cache().byIndex(Indexes.OWNER_UID, uid)) {
                if (!namespacedOwner || Objects.equals(candidate.namespace(), owner.namespace())) {
                    dependents.add(candidate);
                }
            }
        }
        return dependents;
    }

    /** The dependents of {@code owner} as the API server has them now, for decisions a stale cache must not make. */
    private List<KubeObject<?>> liveDependents(KubeObject<?> owner) {
        List<KubeObject<?>> dependents = new ArrayList<>();
        for (Watched<?> kind : watched.values()) {
            dependents.addAll(liveDependents(kind, owner));
        }
        return dependents;
    }

    private <D extends KubeObject<D>> List<D> liveDependents(Watched<D> kind, KubeObject<?> owner) {
        boolean namespacedOwner = owner.namespace() != null && !owner.namespace().isEmpty();
        if (namespacedOwner && !kind.type().namespaced()) {
            return List.of(); // cluster-scoped objects cannot belong to namespaced owners
        }
        String uid = owner.metadata().uid();
        return client.listAll(kind.type(), namespacedOwner ? owner.namespace() : null, ListOptions.NONE)
            .block(TIMEOUT).items().stream()
            .filter(d -> OwnerReferences.refersTo(d, uid))
            .toList();
    }

    private static String describe(KubeObject<?> object) {
        return object.kind() + " " + Cache.keyOf(object);
    }
}
