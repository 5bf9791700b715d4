package io.j8s.apiserver.event;

import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.Storage;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.storage.StoredList;
import io.j8s.common.json.Json;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteBufferRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes Events in Redis: every event is a string key with a TTL ({@code j8s.events.ttl}, 1 h), so events
 * disappear by themselves; revisions come from one counter shared by all events, and every change is appended to
 * a Redis stream that watches replay and follow. See {@link EventScripts} for the key layout; all writes are
 * single Lua scripts, so create-if-absent and compare-and-set on the revision are atomic.
 *
 * <p>Differences from etcd, by design:
 * <ul>
 *   <li>Redis keeps no history: {@link ListQuery#revision()} is ignored and every list (and every continue page)
 *       reads the latest state. The list's revision is read atomically with its first page, so a watch from it
 *       misses nothing (later pages may already show newer objects, which the watch then repeats).</li>
 *   <li>An event that expires by TTL vanishes without a DELETE watch event.</li>
 *   <li>A watch replays from the change log, which keeps about {@code j8s.events.stream-max-length} changes;
 *       older revisions, and a watcher that falls that far behind, get {@link StorageException.Expired}.</li>
 * </ul>
 *
 * <p>An expected revision of 0 (or less) on update and delete means "whatever is stored" (an unconditional
 * write, as Kubernetes allows for Events). Redis failures and timeouts ({@code j8s.events.command-timeout})
 * surface as {@link StorageException.Unavailable}.
 */
public class RedisEventStorage implements Storage {

    private static final int LIST_CHUNK = 500;

    private final ReactiveStringRedisTemplate redis;
    private final EventStorageProperties properties;
    private final JsonMapper mapper = Json.mapper();
    private final String counterKey;
    private final String indexKey;
    private final String expiryKey;
    private final String streamKey;
    private final Duration watchBlock;

    public RedisEventStorage(ReactiveRedisConnectionFactory connectionFactory, EventStorageProperties properties) {
        this.redis = new ReactiveStringRedisTemplate(connectionFactory);
        this.properties = properties;
        this.watchBlock = watchBlock(connectionFactory, properties.watchBlock());
        String p = properties.keyPrefix();
        this.counterKey = p + "revision";
        this.indexKey = p + "index";
        this.expiryKey = p + "expiry";
        this.streamKey = p + "changes";
    }

    public EventStorageProperties properties() {
        return properties;
    }

    /** How long one XREAD BLOCK of a watch waits. */
    Duration effectiveWatchBlock() {
        return watchBlock;
    }

    /**
     * Lettuce's command timeout applies to blocking reads too, so an XREAD BLOCK must return well before it:
     * the configured block time, at most half of that timeout.
     */
    private static Duration watchBlock(ReactiveRedisConnectionFactory factory, Duration configured) {
        if (factory instanceof LettuceConnectionFactory lettuce) {
            Duration limit = lettuce.getClientConfiguration().getCommandTimeout().dividedBy(2);
            if (limit.compareTo(configured) < 0) {
                return limit.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : limit;
            }
        }
        return configured;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Mono<ObjectNode> get(String key) {
        return call(redis.opsForValue().get(dataKey(key)))
                .switchIfEmpty(Mono.error(() -> new StorageException.NotFound(key)))
                .map(this::decode);
    }

    @Override
    public Mono<StoredList> list(String prefix, ListQuery query) {
        // query.revision() is ignored: Redis keeps no older versions, so every page is read at the latest state.
        String end = rangeEnd(prefix);
        String max = end == null ? "+" : "(" + end;
        String min = prefix.isEmpty() ? "-" : "[" + prefix;
        String start = query.startKey();
        if (start != null && !start.isEmpty() && start.compareTo(prefix) >= 0) {
            min = "(" + start;
        }
        ListState state = new ListState(query);
        return listChunk(state, min, max)
                .map(s -> new StoredList(List.copyOf(s.items), s.revision, s.nextKey));
    }

    private Mono<ListState> listChunk(ListState state, String min, String max) {
        return script(EventScripts.LIST_CHUNK, List.of(indexKey, counterKey),
                List.of(min, max, String.valueOf(LIST_CHUNK), properties.keyPrefix()))
                .flatMap(result -> {
                    if (state.revision < 0) {
                        state.revision = toLong(result.get(0));
                    }
                    int members = (result.size() - 1) / 2;
                    String lastMember = null;
                    for (int i = 0; i < members; i++) {
                        String member = str(result.get(1 + 2 * i));
                        String value = str(result.get(2 + 2 * i));
                        lastMember = member;
                        if (value.isEmpty()) {
                            continue; // expired; its index entry is dropped by the next write
                        }
                        ObjectNode object = decode(value);
                        if (!state.query.filter().test(object)) {
                            continue;
                        }
                        if (state.query.limit() > 0 && state.items.size() >= state.query.limit()) {
                            state.nextKey = state.lastKey; // one more match exists: cut here
                            return Mono.just(state);
                        }
                        state.items.add(object);
                        state.lastKey = member;
                    }
                    if (members < LIST_CHUNK) {
                        return Mono.just(state);
                    }
                    return listChunk(state, "(" + lastMember, max);
                });
    }

    private static final class ListState {
        final ListQuery query;
        final List<ObjectNode> items = new ArrayList<>();
        long revision = -1;
        String lastKey;
        String nextKey;

        ListState(ListQuery query) {
            this.query = query;
        }
    }

    @Override
    public Mono<Long> currentRevision() {
        return call(redis.opsForValue().get(counterKey)).map(Long::parseLong).defaultIfEmpty(0L);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public Mono<ObjectNode> create(String key, ObjectNode object) {
        return Mono.defer(() -> {
            ObjectNode stored = withoutResourceVersion(object);
            return script(EventScripts.CREATE, writeKeys(key), writeArgs(key, mapper.writeValueAsString(stored), 0))
                    .map(result -> switch (str(result.get(0))) {
                        case "ok" -> withResourceVersion(stored, toLong(result.get(1)));
                        case "exists" -> throw new StorageException.AlreadyExists(key);
                        default -> throw new IllegalStateException("unexpected script result " + result);
                    });
        });
    }

    @Override
    public Mono<ObjectNode> update(String key, ObjectNode object, long expectedRevision) {
        return Mono.defer(() -> {
            ObjectNode stored = withoutResourceVersion(object);
            return script(EventScripts.UPDATE, writeKeys(key),
                    writeArgs(key, mapper.writeValueAsString(stored), expectedRevision))
                    .map(result -> switch (str(result.get(0))) {
                        case "ok" -> withResourceVersion(stored, toLong(result.get(1)));
                        case "notfound" -> throw new StorageException.NotFound(key);
                        case "conflict" -> throw new StorageException.Conflict(key);
                        default -> throw new IllegalStateException("unexpected script result " + result);
                    });
        });
    }

    @Override
    public Mono<ObjectNode> delete(String key, long expectedRevision) {
        return Mono.defer(() -> script(EventScripts.DELETE, writeKeys(key), writeArgs(key, "", expectedRevision))
                .map(result -> switch (str(result.get(0))) {
                    case "ok" -> decode(str(result.get(2)));
                    case "notfound" -> throw new StorageException.NotFound(key);
                    case "conflict" -> throw new StorageException.Conflict(key);
                    default -> throw new IllegalStateException("unexpected script result " + result);
                }));
    }

    private List<String> writeKeys(String key) {
        return List.of(dataKey(key), counterKey, indexKey, expiryKey, streamKey);
    }

    private List<String> writeArgs(String key, String json, long expectedRevision) {
        return List.of(key, json, String.valueOf(properties.ttl().toMillis()),
                String.valueOf(properties.streamMaxLength()), String.valueOf(Math.max(0, expectedRevision)),
                properties.keyPrefix());
    }

    // ---------------------------------------------------------------- watch

    @Override
    public Flux<StorageEvent> watch(String prefix, long afterRevision) {
        long after = Math.max(0, afterRevision);
        return script(EventScripts.WATCH_START, List.of(counterKey, streamKey), List.of())
                .flatMapMany(result -> {
                    long counter = toLong(result.get(0));
                    String oldest = str(result.get(1));
                    if (oldest.isEmpty()) {
                        if (after < counter) { // every change up to counter is gone from the log
                            return Flux.error(new StorageException.Expired(after, counter));
                        }
                    } else {
                        long oldestRevision = revisionOfId(oldest);
                        if (after < oldestRevision - 1) {
                            return Flux.error(new StorageException.Expired(after, oldestRevision - 1));
                        }
                    }
                    return follow(prefix, after);
                });
    }

    /**
     * Reads the change log from {@code after} on with XREAD BLOCK in a loop. The whole loop runs on one reactive
     * connection, whose dedicated Lettuce connection (blocking reads never use the shared one) is kept for the
     * watch's lifetime and closed when the watch ends. Entries carry consecutive revisions as stream IDs, so a
     * hole means the log was trimmed past this watcher: it then ends with Expired.
     */
    private Flux<StorageEvent> follow(String prefix, long after) {
        ByteBuffer stream = bytes(streamKey);
        ByteBuffer counter = bytes(counterKey);
        StreamReadOptions options = StreamReadOptions.empty()
                .count(properties.watchBatchSize())
                .block(watchBlock);
        Duration readTimeout = watchBlock.plus(properties.commandTimeout());
        Flux<StorageEvent> events = redis.execute(connection -> {
            AtomicLong last = new AtomicLong(after);
            return Flux.defer(() -> connection.streamCommands()
                            .xRead(options, StreamOffset.create(stream.duplicate(),
                                    ReadOffset.from(last.get() + "-0")))
                            .collectList()
                            .timeout(readTimeout, Mono.error(() -> timeout("XREAD", readTimeout)))
                            .flatMapMany(records -> records.isEmpty()
                                    ? checkNotReset(connection, counter, last.get())
                                    : toEvents(records, prefix, last)))
                    .repeat();
        });
        return events.onErrorMap(this::translate);
    }

    /** After an idle read: if the counter went backwards, Redis lost its data (restart without persistence). */
    private Flux<StorageEvent> checkNotReset(ReactiveRedisConnection connection, ByteBuffer counter, long last) {
        return connection.stringCommands().get(counter.duplicate())
                .map(b -> Long.parseLong(string(b)))
                .defaultIfEmpty(0L)
                .timeout(properties.commandTimeout(), Mono.error(() -> timeout("GET", properties.commandTimeout())))
                .flatMapMany(current -> current < last
                        ? Flux.error(new StorageException.Expired(last, current))
                        : Flux.empty());
    }

    private Flux<StorageEvent> toEvents(List<ByteBufferRecord> records, String prefix, AtomicLong last) {
        List<StorageEvent> events = new ArrayList<>(records.size());
        for (ByteBufferRecord record : records) {
            long revision = record.getId().getTimestamp();
            if (revision != last.get() + 1) {
                // entries between were trimmed away before this watcher read them
                return Flux.fromIterable(events)
                        .concatWith(Flux.error(new StorageException.Expired(last.get(), revision - 1)));
            }
            last.set(revision);
            Map<String, String> fields = new HashMap<>();
            record.getValue().forEach((k, v) -> fields.put(string(k), string(v)));
            String key = fields.getOrDefault("key", "");
            if (!key.startsWith(prefix)) {
                continue;
            }
            String previous = fields.get("prev");
            if ("DELETE".equals(fields.get("type"))) {
                events.add(new StorageEvent(StorageEvent.Type.DELETE, null, parse(previous, revision), revision));
            } else {
                ObjectNode prev = previous == null ? null : parse(previous, Long.parseLong(fields.get("prevRev")));
                events.add(new StorageEvent(StorageEvent.Type.PUT, parse(fields.get("object"), revision), prev,
                        revision));
            }
        }
        return Flux.fromIterable(events);
    }

    // ---------------------------------------------------------------- helpers

    private String dataKey(String key) {
        return properties.keyPrefix() + key;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Mono<List<Object>> script(RedisScript<List> script, List<String> keys, List<String> args) {
        return call(redis.execute(script, keys, args).next().map(result -> (List<Object>) result));
    }

    /** Bounds a Redis call by the command timeout and maps connection failures to Unavailable. */
    private <T> Mono<T> call(Mono<T> command) {
        Duration timeout = properties.commandTimeout();
        return command
                .timeout(timeout, Mono.error(() -> timeout("command", timeout)))
                .onErrorMap(this::translate);
    }

    private static StorageException.Unavailable timeout(String what, Duration timeout) {
        return new StorageException.Unavailable(
                "Redis (events storage) did not answer a " + what + " within " + timeout.toMillis() + " ms",
                new TimeoutException());
    }

    Throwable translate(Throwable error) {
        if (error instanceof StorageException) {
            return error;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RedisConnectionFailureException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof ConnectException
                    || t instanceof java.io.IOException
                    || t instanceof io.lettuce.core.RedisConnectionException
                    || t instanceof io.lettuce.core.RedisCommandTimeoutException
                    || t instanceof io.lettuce.core.RedisCommandInterruptedException
                    || isTransientServerError(t)
                    || (t instanceof io.lettuce.core.RedisException
                    && !(t instanceof io.lettuce.core.RedisCommandExecutionException))) {
                return new StorageException.Unavailable(
                        "Redis (events storage) is unavailable: " + t.getMessage(), error);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return error;
    }

    /** Server replies that mean "try again later": loading, busy with a script, out of memory, replica... */
    private static boolean isTransientServerError(Throwable t) {
        if (!(t instanceof io.lettuce.core.RedisCommandExecutionException) || t.getMessage() == null) {
            return false;
        }
        String m = t.getMessage();
        return m.startsWith("LOADING") || m.startsWith("BUSY") || m.startsWith("OOM") || m.startsWith("MASTERDOWN")
                || m.startsWith("TRYAGAIN") || m.startsWith("READONLY") || m.startsWith("CLUSTERDOWN")
                || m.startsWith("MISCONF"); // cannot persist its snapshot, so it refuses writes until it can
    }

    /** Decodes a stored {@code {"rev":N,"object":{...}}} into the object with resourceVersion N. */
    private ObjectNode decode(String stored) {
        JsonNode wrapper = mapper.readTree(stored);
        return setResourceVersion((ObjectNode) wrapper.get("object"), wrapper.get("rev").asLong());
    }

    /** Parses an object from the change log and sets its resourceVersion. */
    private ObjectNode parse(String json, long revision) {
        return setResourceVersion((ObjectNode) mapper.readTree(json), revision);
    }

    private static ObjectNode withoutResourceVersion(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return copy;
    }

    private static ObjectNode withResourceVersion(ObjectNode object, long revision) {
        return setResourceVersion(object.deepCopy(), revision);
    }

    private static ObjectNode setResourceVersion(ObjectNode object, long revision) {
        ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        return object;
    }

    /** The first key after every key that starts with {@code prefix}, or null for "no end". */
    static String rangeEnd(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char c = prefix.charAt(i);
            if (c < Character.MAX_VALUE) {
                return prefix.substring(0, i) + (char) (c + 1);
            }
        }
        return null;
    }

    static long revisionOfId(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    private static long toLong(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(str(value));
    }

    private static String str(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof ByteBuffer b) {
            return string(b);
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return value.toString();
    }

    private static String string(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
