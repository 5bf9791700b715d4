package io.j8s.controller.support;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.common.labels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' ControllerRefManager (pkg/controller/controller_ref_manager.go): decides which of the candidate
 * objects a controller owns. Objects it controls and that match stay claimed; objects it controls that no
 * longer match are released (its ownerReference removed); matching orphans are adopted (a controller
 * ownerReference added), but only after a fresh read showed the owner still exists and is not being deleted.
 * Objects controlled by someone else are ignored.
 *
 * <p>Writes are JSON merge patches pinned to the object's uid and resourceVersion: a merge patch replaces the
 * whole ownerReferences list, so it must not race with another writer.
 */
public final class ControllerRefManager<T extends KubeObject<T>> {

    private final ApiClient client;
    private final ResourceType<T> type;
    private final KubeObject<?> owner;
    private final Selector selector;
    private final Supplier<Optional<String>> freshOwnerCheck;
    private final Duration timeout;
    private Optional<String> adoptionRefused; // null until the first adoption asks

    /**
     * @param freshOwnerCheck reads the owner from the API server (not a cache) and returns why it may not
     *                        adopt (gone, replaced, being deleted), or empty when it may; called at most once
     */
    public ControllerRefManager(ApiClient client, ResourceType<T> type, KubeObject<?> owner, Selector selector,
                                Supplier<Optional<String>> freshOwnerCheck, Duration timeout) {
        this.client = client;
        this.type = type;
        this.owner = owner;
        this.selector = selector;
        this.freshOwnerCheck = freshOwnerCheck;
        this.timeout = timeout;
    }

    /**
     * Kubernetes' RecheckDeletionTimestamp: the check before the first adoption, reading the owner from the API
     * server because the cache may not show yet that it was deleted (or deleted and recreated).
     */
    public static <O extends KubeObject<O>> Supplier<Optional<String>> recheckDeletionTimestamp(ApiClient client,
            ResourceType<O> type, O owner, Duration timeout) {
        return () -> {
            O fresh;
            try {
                fresh = client.get(type, owner.namespace(), owner.name()).block(timeout);
            } catch (ApiException e) {
                if (e.isNotFound()) {
                    return Optional.of("original " + type.kind() + " " + owner.metadata().key() + " is gone");
                }
                throw e;
            }
            if (fresh == null || !owner.metadata().uid().equals(fresh.metadata().uid())) {
                return Optional.of("original " + type.kind() + " " + owner.metadata().key() + " is gone: got uid "
                    + (fresh == null ? null : fresh.metadata().uid()) + ", wanted " + owner.metadata().uid());
            }
            if (fresh.metadata().beingDeleted()) {
                return Optional.of(owner.metadata().key() + " has just been deleted at "
                    + fresh.metadata().deletionTimestamp());
            }
            return Optional.empty();
        };
    }

    /** What the owner controls after claiming, and the writes that failed (the caller should retry later). */
    public record Claimed<T>(List<T> owned, List<RuntimeException> errors) {
    }

    public Claimed<T> claim(List<T> candidates) {
        List<T> owned = new ArrayList<>();
        List<RuntimeException> errors = new ArrayList<>();
        for (T obj : candidates) {
            try {
                claimOne(obj).ifPresent(owned::add);
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        return new Claimed<>(owned, errors);
    }

    private Optional<T> claimOne(T obj) {
        ObjectMeta meta = obj.metadata();
        Optional<OwnerReference> controllerRef = meta.controllerRef();
        boolean matches = selector.matches(meta.labels());
        if (controllerRef.isPresent()) {
            if (!ownerUid().equals(controllerRef.get().uid())) {
                return Optional.empty(); // someone else's
            }
            if (matches) {
                return Optional.of(obj);
            }
            if (!owner.metadata().beingDeleted()) {
                release(obj);
            }
            return Optional.empty();
        }
        if (owner.metadata().beingDeleted() || !matches || meta.beingDeleted()
            || !java.util.Objects.equals(owner.namespace(), obj.namespace())) {
            return Optional.empty();
        }
        return adopt(obj);
    }

    private Optional<T> adopt(T obj) {
        if (adoptionRefused == null) {
            adoptionRefused = freshOwnerCheck.get();
        }
        if (adoptionRefused.isPresent()) {
            throw new IllegalStateException("can't adopt " + type.kind() + " " + obj.metadata().key() + ": "
                + adoptionRefused.get());
        }
        List<OwnerReference> refs = new ArrayList<>(obj.metadata().ownerReferencesOrEmpty());
        refs.removeIf(r -> ownerUid().equals(r.uid()));
        refs.add(OwnerReference.controllerOf(owner));
        try {
            return Optional.of(patchOwnerReferences(obj, refs));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void release(T obj) {
        List<OwnerReference> refs = new ArrayList<>(obj.metadata().ownerReferencesOrEmpty());
        refs.removeIf(r -> ownerUid().equals(r.uid()));
        try {
            patchOwnerReferences(obj, refs);
        } catch (ApiException e) {
            // Gone, or being deleted: nothing left to release.
            if (!e.isNotFound() && !e.isInvalid()) {
                throw e;
            }
        }
    }

    private T patchOwnerReferences(T obj, List<OwnerReference> refs) {
        ObjectNode patch = Json.mapper().createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", obj.metadata().uid());
        metadata.put("resourceVersion", obj.metadata().resourceVersion());
        if (refs.isEmpty()) {
            metadata.putNull("ownerReferences");
        } else {
            metadata.set("ownerReferences", Json.mapper().valueToTree(refs));
        }
        return client.patch(type, obj.namespace(), obj.name(), PatchType.MERGE, Json.write(patch)).block(timeout);
    }

    private String ownerUid() {
        return owner.metadata().uid();
    }
}
