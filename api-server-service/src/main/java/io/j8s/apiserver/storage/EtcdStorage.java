package io.j8s.apiserver.storage;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.j8s.apiserver.registry.Objects;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.node.ObjectNode;

/**
 * Objects in etcd as Kubernetes keeps them: one JSON value per key, {@code resourceVersion} = the key's
 * mod revision, create and update as transactions comparing create/mod revisions, so that concurrent
 * writers never lose an update.
 */
public class EtcdStorage implements Storage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EtcdStorage.class);
    /** Keys fetched per etcd range request while filling a page whose items are filtered. */
    private static final long BATCH = 500;
    private static final long MAX_BATCH = 2000;
    /** Room for a batch of large objects (each up to the 1.5 MiB request limit) in one etcd response. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Client client;
    private final KV kv;
    private final Watch watch;
    private final Duration timeout;

    public EtcdStorage(EtcdProperties properties) {
        this.client = Client.builder()
            .endpoints(properties.endpoints().toArray(String[]::new))
            .connectTimeout(properties.requestTimeout())
            // jetcd retries calls that never reached etcd; it gives up before the request timeout does.
            .retryMaxDuration(properties.requestTimeout().dividedBy(2))
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .interceptor(deadlineFor(properties.requestTimeout()))
            .build();
        this.kv = client.getKVClient();
        this.watch = client.getWatchClient();
        this.timeout = properties.requestTimeout();
    }

    /**
     * Gives every request (not the long-lived watch streams) a gRPC deadline, as etcd's own client does with a
     * context: a write that waits for a connection while etcd is down fails at its deadline and is never sent,
     * instead of being carried out when etcd returns, long after the client was told 503.
     */
    private static ClientInterceptor deadlineFor(Duration timeout) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                boolean request = method.getType() == MethodDescriptor.MethodType.UNARY;
                return next.newCall(method, request && options.getDeadline() == null
                    ? options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS) : options);
            }
        };
    }

    @Override
    public Mono<ObjectNode> get(String key) {
        return call(() -> kv.get(bytes(key))).map(response -> {
            if (response.getKvs().isEmpty()) {
                throw new StorageException.NotFound(key);
            }
            return decode(response.getKvs().get(0));
        });
    }

    @Override
    public Mono<StoredList> list(String prefix, ListQuery query) {
        return Mono.defer(() -> {
            String from = query.startKey() == null ? prefix : query.startKey() + "\0";
            return page(prefix, from, query.revision(), query, new Page());
        });
    }

    /** The items of a page being filled, and the key of the last one, where the next page resumes. */
    private static final class Page {
        final List<ObjectNode> items = new ArrayList<>();
        String lastKey;
    }

    /**
     * Reads one range batch and recurses until the page is full or the prefix is exhausted. The first batch
     * fixes the revision, so every page of a list (continue tokens included) is read at the same revision.
     */
    private Mono<StoredList> page(String prefix, String from, long revision, ListQuery query, Page page) {
        GetOption.Builder option = GetOption.builder()
            .withRange(bytes(prefixEnd(prefix)))
            .withSortField(GetOption.SortTarget.KEY)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            // Always in batches: one unbounded range of a large collection can exceed gRPC's message size.
            .withLimit(query.limit() > 0 ? Math.min(Math.max(BATCH, query.limit() + 1), MAX_BATCH) : BATCH);
        if (revision > 0) {
            option.withRevision(revision);
        }
        return call(() -> kv.get(bytes(from), option.build())).flatMap(response -> {
            long readAt = revision > 0 ? revision : response.getHeader().getRevision();
            for (KeyValue keyValue : response.getKvs()) {
                ObjectNode object = decode(keyValue);
                if (!query.filter().test(object)) {
                    continue;
                }
                if (query.limit() > 0 && page.items.size() == query.limit()) {
                    // One more match exists, so the page is cut here and a continue token is due.
                    return Mono.just(new StoredList(page.items, readAt, page.lastKey));
                }
                page.items.add(object);
                page.lastKey = keyValue.getKey().toString(StandardCharsets.UTF_8);
            }
            List<KeyValue> kvs = response.getKvs();
            if (response.isMore() && !kvs.isEmpty()) {
                String last = kvs.get(kvs.size() - 1).getKey().toString(StandardCharsets.UTF_8);
                return page(prefix, last + "\0", readAt, query, page);
            }
            return Mono.just(new StoredList(page.items, readAt, null));
        });
    }

    @Override
    public Mono<ObjectNode> create(String key, ObjectNode object) {
        ByteSequence k = bytes(key);
        return call(() -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, encode(object), PutOption.DEFAULT))
                .commit())
            .map(response -> {
                if (!response.isSucceeded()) {
                    throw new StorageException.AlreadyExists(key);
                }
                return withRevision(object, response.getHeader().getRevision());
            });
    }

    @Override
    public Mono<ObjectNode> update(String key, ObjectNode object, long expectedRevision) {
        ByteSequence k = bytes(key);
        return call(() -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.put(k, encode(object), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit())
            .map(response -> {
                if (!response.isSucceeded()) {
                    throw missingOrConflict(key, response);
                }
                return withRevision(object, response.getHeader().getRevision());
            });
    }

    @Override
    public Mono<ObjectNode> delete(String key, long expectedRevision) {
        ByteSequence k = bytes(key);
        return call(() -> kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit())
            .map(response -> {
                if (!response.isSucceeded()) {
                    throw missingOrConflict(key, response);
                }
                List<KeyValue> previous = response.getDeleteResponses().get(0).getPrevKvs();
                if (previous.isEmpty()) {
                    throw new StorageException.NotFound(key);
                }
                return decode(previous.get(0));
            });
    }

    private static StorageException missingOrConflict(String key, TxnResponse response) {
        List<GetResponse> gets = response.getGetResponses();
        boolean missing = gets.isEmpty() || gets.get(0).getKvs().isEmpty();
        return missing ? new StorageException.NotFound(key) : new StorageException.Conflict(key);
    }

    /**
     * Watches from {@code afterRevision} and keeps watching: when the etcd stream breaks (etcd restarted, the
     * connection dropped), a new etcd watch starts after the last revision delivered, so no change is lost or
     * repeated. Only a compacted revision ends the stream, with {@link StorageException.Expired}.
     */
    @Override
    public Flux<StorageEvent> watch(String prefix, long afterRevision) {
        return resumingWatch(prefix, afterRevision, true, this::toStorageEvent, StorageEvent::progress,
            StorageEvent::revision);
    }

    /** One key's value as etcd stores it, undecoded, with its mod revision: what the watch cache keeps. */
    record RawObject(String key, byte[] value, long modRevision) {
    }

    /** Every object under a prefix, undecoded, read at one revision. */
    record RawList(List<RawObject> objects, long revision) {
    }

    /** A change as etcd reports it, undecoded and without the previous value (PROGRESS: only a revision). */
    record RawChange(StorageEvent.Type type, RawObject object, long revision) {
    }

    /** Every object under {@code prefix} at one revision, in batches, left undecoded. */
    Mono<RawList> listRaw(String prefix) {
        return listRaw(prefix, prefix, 0, new ArrayList<>());
    }

    private Mono<RawList> listRaw(String prefix, String from, long revision, List<RawObject> objects) {
        GetOption.Builder option = GetOption.builder().withRange(bytes(prefixEnd(prefix)))
            .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).withLimit(BATCH);
        if (revision > 0) {
            option.withRevision(revision);
        }
        return call(() -> kv.get(bytes(from), option.build())).flatMap(response -> {
            long readAt = revision > 0 ? revision : response.getHeader().getRevision();
            List<KeyValue> kvs = response.getKvs();
            kvs.forEach(keyValue -> objects.add(raw(keyValue)));
            if (response.isMore() && !kvs.isEmpty()) {
                return listRaw(prefix, objects.get(objects.size() - 1).key() + "\0", readAt, objects);
            }
            return Mono.just(new RawList(objects, readAt));
        });
    }

    /** As {@link #watch}, undecoded and without previous values: the watch cache has those itself. */
    Flux<RawChange> watchRaw(String prefix, long afterRevision) {
        return resumingWatch(prefix, afterRevision, false,
            event -> new RawChange(event.getEventType() == WatchEvent.EventType.DELETE
                ? StorageEvent.Type.DELETE : StorageEvent.Type.PUT, raw(event.getKeyValue()),
                event.getKeyValue().getModRevision()),
            revision -> new RawChange(StorageEvent.Type.PROGRESS, null, revision), RawChange::revision);
    }

    private static RawObject raw(KeyValue keyValue) {
        return new RawObject(keyValue.getKey().toString(StandardCharsets.UTF_8), keyValue.getValue().getBytes(),
            keyValue.getModRevision());
    }

    private <E> Flux<E> resumingWatch(String prefix, long afterRevision, boolean withPrevious,
                                      Function<WatchEvent, E> change, LongFunction<E> progress,
                                      ToLongFunction<E> revisionOf) {
        AtomicLong delivered = new AtomicLong(afterRevision);
        return Flux.defer(() -> watchOnce(prefix, delivered.get(), withPrevious, change, progress))
            .doOnNext(event -> delivered.accumulateAndGet(revisionOf.applyAsLong(event), Math::max))
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                .filter(error -> !(error instanceof StorageException.Expired))
                .doBeforeRetry(signal -> log.info("Resuming the etcd watch on {} after revision {}: {}",
                    prefix, delivered.get(), signal.failure().getMessage())));
    }

    private <E> Flux<E> watchOnce(String prefix, long afterRevision, boolean withPrevious,
                                  Function<WatchEvent, E> change, LongFunction<E> progress) {
        return Flux.create(sink -> {
            WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(afterRevision + 1)
                .withPrevKV(withPrevious)
                .withProgressNotify(true)
                .build();
            // jetcd calls back on its own threads; the sink buffers, so nothing here blocks.
            Watch.Watcher watcher = watch.watch(bytes(prefix), option, Watch.listener(
                response -> {
                    if (response.isProgressNotify()) {
                        // etcd vouches that every change up to this revision has been sent.
                        sink.next(progress.apply(response.getHeader().getRevision()));
                        return;
                    }
                    for (WatchEvent event : response.getEvents()) {
                        sink.next(change.apply(event));
                    }
                },
                error -> sink.error(translateWatchError(afterRevision, error)),
                // Only our own close ends a watch on purpose; any other end is a break to resume from.
                () -> sink.error(new StorageException.Unavailable("etcd ended the watch", null))));
            sink.onDispose(watcher::close);
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    private StorageEvent toStorageEvent(WatchEvent event) {
        KeyValue current = event.getKeyValue();
        KeyValue prev = event.getPrevKV();
        boolean hasPrevious = prev != null && prev.getModRevision() > 0;
        long revision = current.getModRevision();
        if (event.getEventType() == WatchEvent.EventType.DELETE) {
            // Kubernetes reports a deleted object with the deletion's revision as its resourceVersion.
            ObjectNode last = hasPrevious ? withRevision(decode(prev), revision) : null;
            return new StorageEvent(StorageEvent.Type.DELETE, null, last, revision);
        }
        return new StorageEvent(StorageEvent.Type.PUT, decode(current), hasPrevious ? decode(prev) : null, revision);
    }

    private static Throwable translateWatchError(long afterRevision, Throwable error) {
        if (error instanceof CompactedException compacted) {
            return new StorageException.Expired(afterRevision, compacted.getCompactedRevision());
        }
        return translate(error);
    }

    @Override
    public Mono<Long> currentRevision() {
        // A count-only read of an empty range costs etcd nothing and returns the header revision.
        return call(() -> kv.get(bytes("/registry/\0revision"), GetOption.builder().withCountOnly(true).build()))
            .map(response -> response.getHeader().getRevision());
    }

    /**
     * Runs an etcd call with the request timeout, translating its failures into {@link StorageException}s. The
     * timeout cancels the call, which stops jetcd's own retries: a write answered with 503 must not be carried out
     * later by a retry that reaches etcd once it is back.
     */
    private <T> Mono<T> call(Supplier<CompletableFuture<T>> operation) {
        return Mono.fromFuture(operation, false)
            .timeout(timeout)
            .onErrorMap(error -> !(error instanceof StorageException), EtcdStorage::translate);
    }

    static Throwable translate(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StorageException) {
            return cause;
        }
        if (cause instanceof TimeoutException) {
            return new StorageException.Unavailable("etcd did not answer in time", cause);
        }
        if (cause instanceof EtcdException etcd) {
            String message = String.valueOf(etcd.getMessage());
            if (message.contains("compacted")) {
                return new StorageException.Expired(0, 0);
            }
            if (message.contains("future revision")) {
                return new StorageException.Expired(0, 0);
            }
            return new StorageException.Unavailable("etcd: " + message, etcd);
        }
        return new StorageException.Unavailable("etcd is unreachable: " + cause.getMessage(), cause);
    }

    private static ByteSequence bytes(String value) {
        return ByteSequence.from(value, StandardCharsets.UTF_8);
    }

    private static ByteSequence encode(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        Objects.metadata(copy).remove("resourceVersion");
        return ByteSequence.from(Json.mapper().writeValueAsBytes(copy));
    }

    private static ObjectNode decode(KeyValue keyValue) {
        return decode(keyValue.getValue().getBytes(), keyValue.getModRevision());
    }

    /** A stored value as the API serves it: with {@code resourceVersion} set to {@code revision}. */
    static ObjectNode decode(byte[] value, long revision) {
        ObjectNode object = (ObjectNode) Json.mapper().readTree(value);
        Objects.metadata(object).put("resourceVersion", Long.toString(revision));
        return object;
    }

    private static ObjectNode withRevision(ObjectNode object, long revision) {
        ObjectNode copy = object.deepCopy();
        Objects.metadata(copy).put("resourceVersion", Long.toString(revision));
        return copy;
    }

    /** The first key after every key that starts with {@code prefix}, as etcd's range end for a prefix. */
    static String prefixEnd(String prefix) {
        char[] chars = prefix.toCharArray();
        chars[chars.length - 1]++;
        return new String(chars);
    }

    @Override
    public void close() {
        log.info("Closing etcd client");
        client.close();
    }
}
