package io.j8s.apiserver.storage;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key-value store with revisions, as the API server needs it: etcd for most kinds, Redis for Events.
 * Objects go in and come out as JSON trees; {@code metadata.resourceVersion} is set by the store on the
 * way out and never stored.
 *
 * <p>Failures are signalled with the {@link StorageException} subclasses, which the REST layer turns into
 * Kubernetes Status errors.
 */
public interface Storage {

    /** The object at {@code key}, or {@link StorageException.NotFound}. */
    Mono<ObjectNode> get(String key);

    /**
     * A copy of the object at {@code key} that may lag a little behind the store, to start a read-modify-write
     * from without a read (the write's revision check catches a stale copy); empty when there is none at hand,
     * and the caller reads with {@link #get}.
     */
    default Mono<ObjectNode> getCached(String key) {
        return Mono.empty();
    }

    /** Objects under {@code prefix} (a key ending in '/'), in key order, read at one revision. */
    Mono<StoredList> list(String prefix, ListQuery query);

    /** Stores a new object; {@link StorageException.AlreadyExists} if the key is taken. */
    Mono<ObjectNode> create(String key, ObjectNode object);

    /**
     * Replaces the object if it still has {@code expectedRevision}; {@link StorageException.Conflict} if it
     * changed since, {@link StorageException.NotFound} if it is gone.
     */
    Mono<ObjectNode> update(String key, ObjectNode object, long expectedRevision);

    /** Deletes the object if it still has {@code expectedRevision}; returns it as it was last stored. */
    Mono<ObjectNode> delete(String key, long expectedRevision);

    /**
     * Every change under {@code prefix} after {@code afterRevision}, in order, then live changes until
     * cancelled. {@link StorageException.Expired} if that revision was compacted away. Progress events
     * (no object) report that every change up to their revision has been delivered.
     */
    Flux<StorageEvent> watch(String prefix, long afterRevision);

    /** The store's current revision, what an empty list would report. */
    Mono<Long> currentRevision();
}
