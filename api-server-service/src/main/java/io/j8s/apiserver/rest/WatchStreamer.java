package io.j8s.apiserver.rest;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.store.ResourceStore;
import io.j8s.apiserver.store.StorageRouter;
import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches on every list path ({@code ?watch=true}): the Kubernetes newline-delimited JSON stream of
 * {@code {"type":..,"object":..}}, or Server-Sent Events when the client asks for {@code text/event-stream}.
 *
 * <p>Without a resourceVersion (or with "0") the watch starts with the current objects as ADDED events; with
 * one, it replays every change after it. Objects entering or leaving the selectors are ADDED or DELETED, as
 * Kubernetes' watch cache reports them. A compacted resourceVersion ends the stream with an ERROR event
 * carrying a 410 Expired Status.
 */
@Component
public class WatchStreamer {

    private static final Logger log = LoggerFactory.getLogger(WatchStreamer.class);
    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final ResourceStore store;
    private final StorageRouter storages;
    private final WatchProperties properties;

    public WatchStreamer(ResourceStore store, StorageRouter storages, WatchProperties properties) {
        this.store = store;
        this.storages = storages;
        this.properties = properties;
    }

    /** One event of a watch stream: its type and the object (or Status, for ERROR). */
    record Event(String type, ObjectNode object) {

        String json() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("type", type);
            node.set("object", object);
            return node.toString();
        }
    }

    /**
     * @param view turns each changed object into what the client asked to see (a one-row Table for
     *             {@code kubectl get -w}); null sends the objects themselves
     */
    Mono<ServerResponse> watch(ServerRequest request, ResourceDefinition def, String namespace, ListRequest query,
                               UnaryOperator<ObjectNode> view) {
        Flux<Event> events = events(def, namespace, query);
        if (view != null) {
            events = events.map(event -> event.type().equals("BOOKMARK") || event.type().equals("ERROR") ? event
                : new Event(event.type(), view.apply(event.object())));
        }
        boolean sse = request.headers().accept().stream()
            .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
        if (sse) {
            // an SSE comment first (clients skip it): the headers go out at once, as for the JSON stream below
            Flux<ServerSentEvent<String>> stream = Flux.concat(Mono.just(ServerSentEvent.<String>builder().comment("watch").build()),
                events.map(event -> ServerSentEvent.builder(event.object().toString()).event(event.type()).build()));
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .body(BodyInserters.fromServerSentEvents(stream));
        }
        // kube-apiserver writes the 200 and its headers as soon as the watch starts. A response body written with
        // writeWith commits the headers with its first event only, so a watch of something that does not change
        // sent nothing at all; client-go cannot cancel a watch that is still waiting for its headers (kubectl
        // rollout status printed "successfully rolled out" from the list and then hung). An empty first group,
        // flushed, sends the headers at once; each event after it is flushed as kube-apiserver flushes it.
        Flux<Mono<DataBuffer>> lines = events.map(event ->
            Mono.just(BUFFERS.wrap((event.json() + "\n").getBytes(StandardCharsets.UTF_8))));
        Flux<Publisher<DataBuffer>> groups = Flux.concat(Mono.just(Flux.<DataBuffer>empty()), lines);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
            .header("Transfer-Encoding", "chunked")
            .body((message, context) -> message.writeAndFlushWith(groups));
    }

    Flux<Event> events(ResourceDefinition def, String namespace, ListRequest query) {
        String prefix = def.keyPrefix(namespace);
        Predicate<ObjectNode> filter = query.filter();
        AtomicLong lastRevision = new AtomicLong();
        String version = query.resourceVersion();

        Flux<Event> changes;
        if (version.isEmpty() || version.equals("0")) {
            // No starting point: the current state as ADDED events, then every change after that list.
            changes = store.list(def, namespace, new ListQuery(0, 0, null, filter)).flatMapMany(list -> {
                lastRevision.set(list.revision());
                return Flux.fromIterable(list.items()).map(item -> new Event("ADDED", item))
                    .concatWith(follow(def, prefix, list.revision(), filter, lastRevision));
            });
        } else {
            long from = parseVersion(version);
            lastRevision.set(from);
            changes = follow(def, prefix, from, filter, lastRevision);
        }
        changes = changes.onErrorResume(error -> Flux.just(errorEvent(error)));

        if (query.allowWatchBookmarks()) {
            // Bookmarks run beside the changes on a timer and stop when the changes end.
            changes = changes.publish(shared -> Flux.merge(shared,
                Flux.interval(properties.bookmarkInterval())
                    .map(tick -> bookmark(def, lastRevision.get()))
                    .takeUntilOther(shared.then(Mono.just(0L)))));
        }
        return changes.take(timeout(query));
    }

    private Flux<Event> follow(ResourceDefinition def, String prefix, long afterRevision, Predicate<ObjectNode> filter,
                               AtomicLong lastRevision) {
        return storages.storageFor(def).watch(prefix, afterRevision)
            .concatMap(change -> {
                lastRevision.accumulateAndGet(change.revision(), Math::max);
                Event event = toEvent(change, filter);
                return event == null ? Flux.empty() : Flux.just(event);
            });
    }

    /** Turns a storage change into what a watcher with these selectors sees, or null when it sees nothing. */
    static Event toEvent(StorageEvent change, Predicate<ObjectNode> filter) {
        return switch (change.type()) {
            case PROGRESS -> null;
            case DELETE -> change.previous() != null && filter.test(change.previous())
                ? new Event("DELETED", change.previous()) : null;
            case PUT -> {
                boolean now = filter.test(change.object());
                boolean before = change.previous() != null && filter.test(change.previous());
                if (now && before) {
                    yield new Event("MODIFIED", change.object());
                } else if (now) {
                    yield new Event("ADDED", change.object());
                } else if (before) {
                    // Left the selection: reported as a deletion of its last matching state, at the new revision.
                    ObjectNode last = change.previous().deepCopy();
                    ((ObjectNode) last.get("metadata")).put("resourceVersion", Long.toString(change.revision()));
                    yield new Event("DELETED", last);
                } else {
                    yield null;
                }
            }
        };
    }

    private static Event bookmark(ResourceDefinition def, long revision) {
        ObjectNode object = Json.mapper().createObjectNode();
        object.put("kind", def.kind());
        object.put("apiVersion", def.apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return new Event("BOOKMARK", object);
    }

    private static Event errorEvent(Throwable error) {
        int code;
        String reason;
        String message;
        if (error instanceof StorageException.Expired) {
            code = 410;
            reason = "Expired";
            message = "too old resource version: " + error.getMessage().replaceFirst("^too old resource version: ", "");
        } else if (error instanceof ApiException api) {
            code = api.code();
            reason = api.reason();
            message = api.getMessage();
        } else {
            log.warn("Watch ended by a storage error: {}", error.toString());
            code = 500;
            reason = "InternalError";
            message = "the watch ended: " + error.getMessage();
        }
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        return new Event("ERROR", status);
    }

    private Duration timeout(ListRequest query) {
        if (query.timeoutSeconds() != null && query.timeoutSeconds() > 0) {
            return Duration.ofSeconds(query.timeoutSeconds());
        }
        // As kube-apiserver: between the minimum and twice it, so many watchers do not reconnect at once.
        long min = properties.minTimeout().toMillis();
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(min + 1));
    }

    private static long parseVersion(String version) {
        try {
            long value = Long.parseLong(version);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("resourceVersion must be a non-negative integer, not \"" + version + "\"");
        }
    }
}
