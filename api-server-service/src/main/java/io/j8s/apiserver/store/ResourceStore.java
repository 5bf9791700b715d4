package io.j8s.apiserver.store;

import io.j8s.apiserver.admission.AdmissionChain;
import io.j8s.apiserver.admission.AdmissionRequest.Operation;
import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.Objects;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.storage.StoredList;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one generic store behind every kind (after Kubernetes' registry/generic Store): server-set metadata, the
 * admission chain (namespace lifecycle, defaults, node restriction, RBAC escalation, validation) on every write,
 * optimistic concurrency with retries where the client did not ask for a specific resourceVersion, finalizers and
 * graceful deletion. Kind-specific behaviour stays in the
 * strategies; the few subresources with their own semantics (binding, scale, finalize) are here because they
 * are transactions on the stored object.
 */
@Component
public class ResourceStore {

    private static final int MAX_WRITE_ATTEMPTS = 200;
    private static final long DEFAULT_POD_GRACE_SECONDS = 30;
    /** generateName suffix alphabet: Kubernetes' own, without vowels and look-alikes. */
    private static final char[] SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ORPHAN_FINALIZER = "orphan";
    static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    private final StorageRouter storages;
    private final AdmissionChain admission;
    private final ResourceDefinition namespaces;

    public ResourceStore(StorageRouter storages, ResourceRegistry registry, AdmissionChain admission) {
        this.storages = storages;
        this.admission = admission;
        this.namespaces = registry.find("", "v1", "namespaces").orElseThrow();
    }

    // ---- reads

    public Mono<ObjectNode> get(ResourceDefinition def, String namespace, String name) {
        return storage(def).get(def.key(namespace, name))
            .onErrorMap(StorageException.NotFound.class, e -> ApiException.notFound(def.group(), def.plural(), name));
    }

    public Mono<StoredList> list(ResourceDefinition def, String namespace, ListQuery query) {
        return storage(def).list(def.keyPrefix(namespace), query);
    }

    // ---- create

    public Mono<ObjectNode> create(ResourceDefinition def, String namespace, ObjectNode object, boolean dryRun) {
        return Mono.defer(() -> {
            checkTypeMeta(def, object);
            ObjectNode meta = Objects.metadata(object);
            if (def.namespaced()) {
                String bodyNamespace = text(meta, "namespace");
                if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
                    throw ApiException.badRequest(
                        "the namespace of the provided object does not match the namespace sent on the request");
                }
                meta.put("namespace", namespace);
            }
            if (!text(meta, "resourceVersion").isEmpty()) {
                throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
            }
            boolean generatedName = text(meta, "name").isEmpty() && !text(meta, "generateName").isEmpty();
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", now());
            meta.put("generation", 1);
            meta.remove("deletionTimestamp");
            meta.remove("deletionGracePeriodSeconds");
            def.strategy().prepareForCreate(object);
            if (generatedName) {
                // Named before defaulting, as Kubernetes does: defaults may derive from the name.
                meta.put("name", text(meta, "generateName") + randomSuffix());
            }
            String name = text(meta, "name");
            return admission.admit(Operation.CREATE, def, namespace, name, Subresource.MAIN, object, null)
                .then(Mono.defer(() -> dryRun ? Mono.just(object)
                    : storage(def).create(def.key(namespace, name), object)
                        .onErrorMap(StorageException.AlreadyExists.class,
                            e -> ApiException.alreadyExists(def.group(), def.plural(), name))));
        });
    }

    // ---- update and patch

    /**
     * Replaces an object (PUT). With a resourceVersion in the body the write succeeds only against exactly that
     * version; without one it applies to whatever is current, retrying on concurrent writes.
     */
    public Mono<ObjectNode> update(ResourceDefinition def, String namespace, String name, ObjectNode object,
                                   Subresource subresource, boolean dryRun) {
        return guaranteedUpdate(def, namespace, name, subresource, dryRun, current -> object.deepCopy());
    }

    /**
     * Applies {@code patch} to the current object and stores the result; retried on concurrent writes, since a
     * patch expresses a change rather than a whole object (unless it pins a resourceVersion itself).
     */
    public Mono<ObjectNode> patch(ResourceDefinition def, String namespace, String name, Subresource subresource,
                                  boolean dryRun, UnaryOperator<ObjectNode> patch) {
        return guaranteedUpdate(def, namespace, name, subresource, dryRun, patch);
    }

    private Mono<ObjectNode> guaranteedUpdate(ResourceDefinition def, String namespace, String name,
                                              Subresource subresource, boolean dryRun,
                                              UnaryOperator<ObjectNode> desired) {
        String key = def.key(namespace, name);
        return writeFromCache(def, namespace, name, (current, fresh) -> {
            ObjectNode requested = desired.apply(current.deepCopy());
            checkTypeMeta(def, requested);
            String requestedVersion = text(Objects.metadata(requested), "resourceVersion");
            String currentVersion = text(Objects.metadata(current), "resourceVersion");
            if (!requestedVersion.isEmpty() && !requestedVersion.equals(currentVersion)) {
                throw ApiException.conflict(def.group(), def.plural(), name);
            }
            ObjectNode updated = mergeUpdate(def, namespace, name, current, requested, subresource);
            return admission.admit(Operation.UPDATE, def, namespace, name, subresource, updated, current)
                .then(Mono.defer(() -> {
                    ObjectNode oldMeta = Objects.metadata(current);
                    if (!specOf(updated).equals(specOf(current))) {
                        Objects.metadata(updated).put("generation", oldMeta.path("generation").asLong(0) + 1);
                    }
                    Objects.metadata(updated).put("resourceVersion", currentVersion);
                    if (updated.equals(current)) {
                        if (!fresh) {
                            throw new StaleState(); // "no change" must be judged against the stored object
                        }
                        return Mono.just(current); // nothing changed: no write, no new resourceVersion
                    }
                    if (dryRun) {
                        return Mono.just(updated);
                    }
                    long revision = Long.parseLong(currentVersion);
                    if (shouldDeleteDuringUpdate(updated)) {
                        return storage(def).delete(key, revision);
                    }
                    // A concurrent write makes the storage refuse; write() then re-reads and runs this again, where a
                    // body that pinned the old resourceVersion fails the check above with 409 and anything else is
                    // retried.
                    return storage(def).update(key, updated, revision);
                }));
        });
    }

    /**
     * The object to admit and store for an update: what the client may change merged onto what it may not. Defaults,
     * validation and the generation bump come after, in admission and in {@link #guaranteedUpdate}.
     */
    private ObjectNode mergeUpdate(ResourceDefinition def, String namespace, String name, ObjectNode current,
                                   ObjectNode requested, Subresource subresource) {
        ObjectNode meta = Objects.metadata(requested);
        String bodyName = text(meta, "name");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                + ") does not match the name on the URL (" + name + ")");
        }
        meta.put("name", name);
        if (def.namespaced()) {
            String bodyNamespace = text(meta, "namespace");
            if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
                throw ApiException.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
            }
            meta.put("namespace", namespace);
        }
        ObjectNode oldMeta = Objects.metadata(current);
        String bodyUid = text(meta, "uid");
        if (!bodyUid.isEmpty() && !bodyUid.equals(text(oldMeta, "uid"))) {
            throw ApiException.conflict(def.group(), def.plural(), name, "Precondition failed: UID in precondition: "
                + bodyUid + ", UID in object meta: " + text(oldMeta, "uid"));
        }
        ObjectNode updated;
        switch (subresource) {
            case STATUS -> {
                updated = current.deepCopy();
                Objects.copyField(requested, updated, "status");
                def.strategy().prepareForStatusUpdate(updated, requested);
            }
            case FINALIZE -> {
                updated = current.deepCopy();
                JsonNode finalizers = requested.path("spec").get("finalizers");
                ObjectNode spec = updated.has("spec") ? (ObjectNode) updated.get("spec") : updated.putObject("spec");
                if (finalizers == null) {
                    spec.remove("finalizers");
                } else {
                    spec.set("finalizers", finalizers.deepCopy());
                }
            }
            default -> {
                updated = requested;
                // Server-owned metadata: clients cannot change these through an update.
                for (String field : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp",
                    "deletionGracePeriodSeconds")) {
                    Objects.copyField(oldMeta, Objects.metadata(updated), field);
                }
                def.strategy().prepareForUpdate(updated, current);
            }
        }
        Objects.metadata(updated).put("resourceVersion", text(oldMeta, "resourceVersion"));
        return updated;
    }

    /** An object being deleted whose last finalizer is gone (and whose grace period is over) is removed. */
    private static boolean shouldDeleteDuringUpdate(ObjectNode object) {
        JsonNode meta = object.path("metadata");
        return meta.has("deletionTimestamp")
            && strings(meta.path("finalizers")).isEmpty()
            && meta.path("deletionGracePeriodSeconds").asLong(0) == 0
            && strings(object.path("spec").path("finalizers")).isEmpty();
    }

    // ---- delete

    public Mono<DeleteResult> delete(ResourceDefinition def, String namespace, String name, DeleteRequest request) {
        String key = def.key(namespace, name);
        return write(def, namespace, name, current -> admission
            .admit(Operation.DELETE, def, namespace, name, Subresource.MAIN, null, current)
            .then(Mono.defer(() -> deleteFrom(def, key, name, current, request))));
    }

    /** The deletion's write, decided from the stored object: gone at once, or marked and left to finalizers. */
    private Mono<DeleteResult> deleteFrom(ResourceDefinition def, String key, String name, ObjectNode current,
                                          DeleteRequest request) {
        checkPreconditions(def, name, current, request);
        ObjectNode meta = Objects.metadata(current);
        long revision = Long.parseLong(text(meta, "resourceVersion"));
        long grace = gracePeriod(def, current, request);
        boolean deleting = meta.has("deletionTimestamp");
        long currentGrace = meta.path("deletionGracePeriodSeconds").asLong(0);
        List<String> before = List.copyOf(strings(meta.path("finalizers")));
        List<String> finalizers = garbageCollectionFinalizers(before, request.propagationPolicy());
        boolean finalizersChanged = !finalizers.equals(before);
        boolean pendingFinalizers = !finalizers.isEmpty()
            || !strings(current.path("spec").path("finalizers")).isEmpty();
        if (deleting && !finalizersChanged && grace >= currentGrace) {
            return Mono.just(new DeleteResult(current, true)); // already on its way out
        }
        if (!pendingFinalizers && grace == 0) {
            if (request.dryRun()) {
                return Mono.just(new DeleteResult(current, false));
            }
            return storage(def).delete(key, revision).map(gone -> new DeleteResult(gone, false));
        }
        ObjectNode marked = current.deepCopy();
        ObjectNode markedMeta = Objects.metadata(marked);
        if (!deleting || grace < currentGrace) {
            markedMeta.put("deletionTimestamp", Instant.now().plusSeconds(grace)
                .truncatedTo(ChronoUnit.SECONDS).toString());
            markedMeta.put("deletionGracePeriodSeconds", grace);
        }
        if (!deleting) {
            markedMeta.put("generation", meta.path("generation").asLong(0) + 1);
        }
        if (finalizersChanged) {
            ArrayNode list = markedMeta.putArray("finalizers");
            finalizers.forEach(list::add);
            if (finalizers.isEmpty()) {
                markedMeta.remove("finalizers");
            }
        }
        if (def == namespaces) {
            (marked.has("status") ? (ObjectNode) marked.get("status") : marked.putObject("status"))
                .put("phase", "Terminating");
        }
        if (request.dryRun()) {
            return Mono.just(new DeleteResult(marked, true));
        }
        return storage(def).update(key, marked, revision).map(updated -> new DeleteResult(updated, true));
    }

    /**
     * The garbage collector's finalizers for a deletion with this propagation policy, as kube-apiserver sets
     * them: Orphan keeps the dependents (the collector removes their owner references, then the finalizer),
     * Foreground deletes them first, Background (the default) lets the owner go at once.
     */
    static List<String> garbageCollectionFinalizers(List<String> finalizers, String propagationPolicy) {
        if (propagationPolicy == null || propagationPolicy.isEmpty()) {
            return finalizers;
        }
        List<String> result = new ArrayList<>(finalizers);
        result.remove(ORPHAN_FINALIZER);
        result.remove(FOREGROUND_FINALIZER);
        switch (propagationPolicy) {
            case "Orphan" -> result.add(ORPHAN_FINALIZER);
            case "Foreground" -> result.add(FOREGROUND_FINALIZER);
            default -> {
                // Background: neither
            }
        }
        return result;
    }

    private static void checkPreconditions(ResourceDefinition def, String name, ObjectNode current,
                                           DeleteRequest request) {
        ObjectNode meta = Objects.metadata(current);
        if (request.preconditionUid() != null && !request.preconditionUid().equals(text(meta, "uid"))) {
            throw ApiException.conflict(def.group(), def.plural(), name, "Precondition failed: UID in precondition: "
                + request.preconditionUid() + ", UID in object meta: " + text(meta, "uid"));
        }
        String version = request.preconditionResourceVersion();
        if (version != null && !version.equals(text(meta, "resourceVersion"))) {
            throw ApiException.conflict(def.group(), def.plural(), name,
                "Precondition failed: ResourceVersion in precondition: " + version
                    + ", ResourceVersion in object meta: " + text(meta, "resourceVersion"));
        }
    }

    /**
     * Seconds a deletion waits: pods bound to a node wait for the node agent to stop their containers (it
     * confirms by deleting with grace 0); unbound or finished pods, and every other kind, go at once.
     */
    private static long gracePeriod(ResourceDefinition def, ObjectNode object, DeleteRequest request) {
        if (!"Pod".equals(def.kind())) {
            return 0;
        }
        String phase = text(object.path("status"), "phase");
        if (text(object.path("spec"), "nodeName").isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return 0;
        }
        if (request.gracePeriodSeconds() != null) {
            return request.gracePeriodSeconds();
        }
        JsonNode spec = object.path("spec").get("terminationGracePeriodSeconds");
        return spec != null && spec.isNumber() ? Math.max(spec.asLong(), 0) : DEFAULT_POD_GRACE_SECONDS;
    }

    // ---- subresources with their own semantics

    /** {@code GET .../scale}: the autoscaling/v1 Scale view of a Deployment or ReplicaSet. */
    public Mono<ObjectNode> getScale(ResourceDefinition def, String namespace, String name) {
        return get(def, namespace, name).map(ScaleView::of);
    }

    /**
     * {@code PUT/PATCH .../scale}: {@code change} turns the current Scale into the requested one, whose
     * {@code spec.replicas} is written to the parent (pinned to the Scale's resourceVersion when it has one).
     */
    public Mono<ObjectNode> updateScale(ResourceDefinition def, String namespace, String name, boolean dryRun,
                                        UnaryOperator<ObjectNode> change) {
        return guaranteedUpdate(def, namespace, name, Subresource.MAIN, dryRun, current -> {
            ObjectNode scale = change.apply(ScaleView.of(current));
            JsonNode replicas = scale.path("spec").get("replicas");
            if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
                throw ApiException.invalid("autoscaling", "Scale", name, List.of(FieldError.invalid("spec.replicas",
                    replicas == null ? "null" : replicas.toString(), "must be greater than or equal to 0")));
            }
            ObjectNode updated = current.deepCopy();
            ((ObjectNode) updated.withObjectProperty("spec")).put("replicas", replicas.asInt());
            Objects.metadata(updated).put("resourceVersion", text(Objects.metadata(scale), "resourceVersion"));
            return updated;
        }).map(ScaleView::of);
    }

    /** {@code POST pods/{name}/binding}: sets {@code spec.nodeName} once, and marks the pod scheduled. */
    public Mono<ObjectNode> bind(ResourceDefinition pods, String namespace, String name, String nodeName) {
        String key = pods.key(namespace, name);
        return writeFromCache(pods, namespace, name, (current, fresh) -> {
            ObjectNode meta = Objects.metadata(current);
            if (meta.has("deletionTimestamp")) {
                throw ApiException.conflict("", "pods/binding", name,
                    "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String assigned = text(current.path("spec"), "nodeName");
            if (!assigned.isEmpty()) {
                throw ApiException.conflict("", "pods/binding", name,
                    "pod " + name + " is already assigned to node \"" + assigned + "\"");
            }
            ObjectNode bound = current.deepCopy();
            ((ObjectNode) bound.withObjectProperty("spec")).put("nodeName", nodeName);
            setCondition(bound.withObjectProperty("status"), "PodScheduled", "True");
            return storage(pods).update(key, bound, Long.parseLong(text(meta, "resourceVersion")));
        });
    }

    private static void setCondition(ObjectNode status, String type, String value) {
        ArrayNode conditions = status.withArrayProperty("conditions");
        for (JsonNode condition : conditions) {
            if (type.equals(condition.path("type").asString())) {
                ((ObjectNode) condition).put("status", value).put("lastTransitionTime", now());
                return;
            }
        }
        conditions.addObject().put("type", type).put("status", value).putNull("lastProbeTime")
            .put("lastTransitionTime", now());
    }

    /**
     * Runs a read-modify-write: reads the object, lets {@code change} decide and write, and runs again from a fresh
     * read when a concurrent writer got there first (a storage conflict the change did not turn into a 409).
     */
    private <T> Mono<T> write(ResourceDefinition def, String namespace, String name,
                              Function<ObjectNode, Mono<T>> change) {
        return Mono.defer(() -> get(def, namespace, name).flatMap(current -> Mono.defer(() -> change.apply(current))))
            .onErrorMap(StorageException.Conflict.class, e -> new RetryWrite())
            .onErrorMap(StorageException.NotFound.class, e -> ApiException.notFound(def.group(), def.plural(), name))
            // Every round some writer wins, so retrying always makes progress; a little jittered back-off keeps
            // a crowd of writers on one object from colliding in lockstep.
            .retryWhen(Retry.backoff(MAX_WRITE_ATTEMPTS, Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(50))
                .jitter(0.5).filter(RetryWrite.class::isInstance)
                .onRetryExhaustedThrow((spec, signal) -> ApiException.conflict(def.group(), def.plural(), name)));
    }

    /** A change computed from an object that is the stored one ({@code fresh}) or a cached copy of it. */
    @FunctionalInterface
    private interface StateChange<T> {
        Mono<T> apply(ObjectNode current, boolean fresh);
    }

    /**
     * As {@link #write}, but the first attempt starts from the watch cache's copy instead of reading etcd
     * (kube-apiserver's GuaranteedUpdate does the same). A stale copy shows as a storage conflict or a check that
     * fails on old data; either way the change runs again from a fresh read, so the answer is always the one the
     * stored object gives.
     */
    private <T> Mono<T> writeFromCache(ResourceDefinition def, String namespace, String name, StateChange<T> change) {
        Mono<T> fromStore = write(def, namespace, name, current -> change.apply(current, true));
        return storage(def).getCached(def.key(namespace, name))
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap(cached -> cached.isEmpty() ? fromStore
                : Mono.defer(() -> change.apply(cached.get(), false))
                    .onErrorResume(ResourceStore::mayBeStale, stale -> fromStore));
    }

    /** Failures a stale starting point can cause; anything else (etcd unreachable, ...) is not retried here. */
    private static boolean mayBeStale(Throwable error) {
        return error instanceof ApiException || error instanceof StaleState
            || error instanceof StorageException.Conflict || error instanceof StorageException.NotFound;
    }

    private Storage storage(ResourceDefinition def) {
        return storages.storageFor(def);
    }

    // ---- helpers

    private static void checkTypeMeta(ResourceDefinition def, ObjectNode object) {
        for (String field : List.of("apiVersion", "kind")) {
            JsonNode value = object.get(field);
            if (value != null && !value.isNull() && !value.isString()) {
                throw ApiException.badRequest(field + " must be a string, not " + value.getNodeType());
            }
        }
        JsonNode metadata = object.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            // Replacing metadata wholesale would silently drop labels, finalizers and owner references.
            throw ApiException.badRequest("metadata must be an object, not " + metadata.getNodeType());
        }
        String kind = text(object, "kind");
        String apiVersion = text(object, "apiVersion");
        if (!apiVersion.isEmpty() && !apiVersion.equals(def.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                + ") does not match the expected API version (" + def.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(def.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind
                + ") does not match the expected kind (" + def.kind() + ")");
        }
        object.put("apiVersion", def.apiVersion());
        object.put("kind", def.kind());
    }

    /** Everything but metadata and status: a change here is a change of desired state and bumps generation. */
    private static ObjectNode specOf(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        return copy;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new java.util.LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asString()));
        }
        return values;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainer() ? "" : value.asString();
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String randomSuffix() {
        char[] suffix = new char[5];
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = SUFFIX_ALPHABET[RANDOM.nextInt(SUFFIX_ALPHABET.length)];
        }
        return new String(suffix);
    }

    /** Signals that a decision taken on a cached copy must be taken again on the stored object. */
    private static final class StaleState extends RuntimeException {
        StaleState() {
            super(null, null, false, false);
        }
    }

    /** Signals that a concurrent writer changed the object and the read-modify-write should run again. */
    private static final class RetryWrite extends RuntimeException {
        RetryWrite() {
            super(null, null, false, false);
        }
    }
}
