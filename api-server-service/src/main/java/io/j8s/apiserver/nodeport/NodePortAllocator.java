package io.j8s.apiserver.nodeport;

import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.common.api.Resources;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Node ports held by Services, one etcd key per port ({@code /registry/ranges/servicenodeports/30080}) naming the
 * Service that holds it. A claim is an etcd create-if-absent transaction, so two concurrent writers never get the
 * same port; a release deletes the key only if it is unchanged since it was read.
 *
 * <p>A claim outlives its Service when the API server stops between claiming a port and storing the Service, or
 * between deleting the Service and releasing. Such a claim is stale once it is a minute old and its Service is
 * gone, was recreated, or no longer uses the port; the next writer that wants the port takes it over (Kubernetes
 * frees such ports with a repair loop instead).
 */
public class NodePortAllocator {

    static final String PREFIX = "/registry/ranges/servicenodeports/";
    /** Longer than any create or update takes between claiming a port and storing its Service. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(1);
    /** Attempts per claim when other writers keep winning the same keys; each lost attempt means one of them won. */
    private static final int MAX_ATTEMPTS = 64;

    private final Storage etcd;
    private final NodePortRange range;

    public NodePortAllocator(Storage etcd, NodePortRange range) {
        this.etcd = etcd;
        this.range = range;
    }

    /** The Service a port is claimed for. A recreated Service has a new uid and so is another holder. */
    public record Holder(String namespace, String name, String uid) {
    }

    /** The port is held by another Service. */
    public static final class AllocatedException extends RuntimeException {
        AllocatedException() {
            super("provided port is already allocated", null, false, false);
        }
    }

    /** Every port of the range is held. */
    public static final class RangeFullException extends RuntimeException {
        RangeFullException() {
            super("range is full", null, false, false);
        }
    }

    public NodePortRange range() {
        return range;
    }

    /**
     * Claims {@code port} for {@code holder}: {@code true} when newly claimed, {@code false} when the holder already
     * had it, {@link AllocatedException} when another Service holds it.
     */
    public Mono<Boolean> claim(int port, Holder holder) {
        return Mono.defer(() -> read(port).flatMap(existing -> {
                if (existing.isEmpty()) {
                    return etcd.create(key(port), claimOf(port, holder)).thenReturn(true);
                }
                ObjectNode claim = existing.get();
                if (holder.uid().equals(claim.path("uid").asString())) {
                    return Mono.just(false);
                }
                return isStale(claim, port).flatMap(stale -> stale
                    ? etcd.update(key(port), claimOf(port, holder), revision(claim)).thenReturn(true)
                    : Mono.error(new AllocatedException()));
            }))
            .retryWhen(lostRace());
    }

    /** Claims a free port of the range for {@code holder}, picked at random, or fails with {@link RangeFullException}. */
    public Mono<Integer> claimAny(Holder holder) {
        return Mono.defer(() -> claims().flatMap(held -> {
                int port = freePort(held.keySet());
                if (port > 0) {
                    return etcd.create(key(port), claimOf(port, holder)).thenReturn(port);
                }
                return Flux.fromIterable(held.entrySet())
                    .concatMap(e -> isStale(e.getValue(), e.getKey()).filter(stale -> stale).map(stale -> e))
                    .next()
                    .switchIfEmpty(Mono.error(new RangeFullException()))
                    .flatMap(e -> etcd.update(key(e.getKey()), claimOf(e.getKey(), holder), revision(e.getValue()))
                        .thenReturn(e.getKey()));
            }))
            .retryWhen(lostRace());
    }

    /** Releases {@code port} if {@code uid} still holds it. */
    public Mono<Void> release(int port, String uid) {
        return read(port).flatMap(existing -> existing.isPresent() && uid.equals(existing.get().path("uid").asString())
            ? delete(port, existing.get()) : Mono.empty());
    }

    /** Releases every port the Service {@code uid} holds except {@code keep}. */
    public Mono<Void> releaseAllExcept(String uid, Set<Integer> keep) {
        return claims().flatMapMany(held -> Flux.fromIterable(held.entrySet()))
            .filter(e -> uid.equals(e.getValue().path("uid").asString()) && !keep.contains(e.getKey()))
            .concatMap(e -> delete(e.getKey(), e.getValue()))
            .then();
    }

    /** Every claim, by port. */
    public Mono<Map<Integer, ObjectNode>> claims() {
        return etcd.list(PREFIX, ListQuery.all()).map(list -> {
            Map<Integer, ObjectNode> held = new TreeMap<>();
            for (ObjectNode claim : list.items()) {
                held.put(claim.path("port").asInt(), claim);
            }
            return held;
        });
    }

    private Mono<Void> delete(int port, ObjectNode claim) {
        // Changed since read: another holder took the port over, and it is theirs now.
        return etcd.delete(key(port), revision(claim))
            .onErrorResume(e -> e instanceof StorageException.Conflict || e instanceof StorageException.NotFound,
                e -> Mono.empty())
            .then();
    }

    private Mono<Optional<ObjectNode>> read(int port) {
        return etcd.get(key(port)).map(Optional::of)
            .onErrorResume(StorageException.NotFound.class, e -> Mono.just(Optional.empty()));
    }

    /** A random free port: a random start, then the first free one after it, so picks spread over the range. */
    private int freePort(Set<Integer> held) {
        int start = ThreadLocalRandom.current().nextInt(range.size());
        for (int i = 0; i < range.size(); i++) {
            int port = range.first() + (start + i) % range.size();
            if (!held.contains(port)) {
                return port;
            }
        }
        return -1;
    }

    private Mono<Boolean> isStale(ObjectNode claim, int port) {
        if (!olderThan(claim.path("claimedAt").asString(), STALE_AFTER)) {
            return Mono.just(false);
        }
        String key = "/registry/" + Resources.SERVICES.plural() + "/" + claim.path("namespace").asString() + "/"
            + claim.path("name").asString();
        return etcd.get(key)
            .map(service -> !service.path("metadata").path("uid").asString().equals(claim.path("uid").asString())
                || !usesNodePort(service, port))
            .onErrorResume(StorageException.NotFound.class, e -> Mono.just(true));
    }

    private static boolean usesNodePort(JsonNode service, int port) {
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            if (servicePort.path("nodePort").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean olderThan(String timestamp, Duration age) {
        try {
            return Instant.parse(timestamp).isBefore(Instant.now().minus(age));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** Lost a race for a key to another writer: look again. */
    private static Retry lostRace() {
        return Retry.max(MAX_ATTEMPTS).filter(e -> e instanceof StorageException.AlreadyExists
                || e instanceof StorageException.Conflict || e instanceof StorageException.NotFound)
            .onRetryExhaustedThrow((spec, signal) -> new StorageException.Unavailable(
                "node port allocation lost " + MAX_ATTEMPTS + " races in a row", signal.failure()));
    }

    private static ObjectNode claimOf(int port, Holder holder) {
        ObjectNode claim = Json.mapper().createObjectNode();
        claim.putObject("metadata").put("name", Integer.toString(port));
        claim.put("port", port)
            .put("namespace", holder.namespace())
            .put("name", holder.name())
            .put("uid", holder.uid())
            .put("claimedAt", Instant.now().toString());
        return claim;
    }

    private static long revision(ObjectNode claim) {
        return claim.path("metadata").path("resourceVersion").asLong();
    }

    static String key(int port) {
        return PREFIX + port;
    }
}
