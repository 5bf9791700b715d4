package io.j8s.common.events;

import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.EventSource;
import io.j8s.common.api.core.ObjectReference;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Times;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Records core/v1 Events about objects, as client-go's EventRecorder with a simplified
 * EventCorrelator: a repeat of the same (object, type, reason, message) within 10 minutes bumps the
 * existing Event's count and lastTimestamp instead of creating another. Fire-and-forget: never
 * blocks or throws to the caller; at most a bounded number of writes are in flight, beyond that
 * events are dropped (and logged).
 */
public final class EventRecorder {

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    /** How long a repeat still counts as the same Event (client-go's aggregation window is similar). */
    static final Duration CORRELATION_WINDOW = Duration.ofMinutes(10);
    /** As client-go's LRU of event series. */
    static final int MAX_TRACKED_SERIES = 4096;
    static final int MAX_IN_FLIGHT = 128;
    /** Event messages longer than this are cut, as Kubernetes' recorder does for events.k8s.io. */
    static final int MAX_MESSAGE_LENGTH = 1024;

    private final EventSink sink;
    private final String component;
    private final String host;
    private final Clock clock;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final AtomicLong lastNameNanos = new AtomicLong();
    /** Recent series by correlation key, least recently used first; guarded by {@code this}. */
    private final Map<SeriesKey, Series> series = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > MAX_TRACKED_SERIES;
        }
    };
    /** Whether failures (or drops) are being reported: one log line per streak, not per event. */
    private boolean failing;
    private boolean dropping;

    /** What makes two events "the same" for counting. */
    private record SeriesKey(String involved, String type, String reason, String message) {
    }

    /** One Event on the server and what we know of it; guarded by the recorder. */
    private static final class Series {
        final String namespace;
        final String name;
        int count = 1;
        Instant lastSeen;
        /** A create or patch of this Event is in flight; repeats meanwhile only bump the count. */
        boolean writing = true;
        /** The count changed while a write was in flight: patch again when it completes. */
        boolean dirty;

        Series(String namespace, String name, Instant lastSeen) {
            this.namespace = namespace;
            this.name = name;
            this.lastSeen = lastSeen;
        }
    }

    /**
     * @param component the reporting component, e.g. {@code replicaset-controller}
     * @param host      the host the component runs on, for {@code source.host}; may be null
     */
    public EventRecorder(ApiClient client, String component, String host) {
        this(EventSink.of(client), component, host, Clock.systemUTC(), MAX_IN_FLIGHT);
    }

    EventRecorder(EventSink sink, String component, String host, Clock clock, int maxInFlight) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.component = Objects.requireNonNull(component, "component");
        this.host = host;
        this.clock = clock;
        this.inFlight = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
    }

    /** Records a Normal event; the message is {@code String.format(messageFormat, args)}. */
    public void normal(KubeObject<?> involved, String reason, String messageFormat, Object... args) {
        record(Event.NORMAL, involved, reason, messageFormat, args);
    }

    /** Records a Warning event; the message is {@code String.format(messageFormat, args)}. */
    public void warning(KubeObject<?> involved, String reason, String messageFormat, Object... args) {
        record(Event.WARNING, involved, reason, messageFormat, args);
    }

    private void record(String type, KubeObject<?> involved, String reason, String messageFormat, Object[] args) {
        try {
            if (involved == null || involved.metadata() == null || involved.name() == null) {
                log.warn("{}: event {} about an object without a name dropped", component, reason);
                return;
            }
            String message = format(messageFormat, args);
            ObjectReference ref = ObjectReference.to(involved);
            SeriesKey key = new SeriesKey(involvedKey(involved), type, reason, message);
            Instant now = clock.instant();
            Mono<Void> write;
            Series target;
            synchronized (this) {
                Series existing = series.get(key);
                if (existing != null && existing.lastSeen.plus(CORRELATION_WINDOW).isAfter(now)) {
                    existing.count++;
                    existing.lastSeen = now;
                    if (existing.writing) {
                        existing.dirty = true;
                        return;
                    }
                    existing.writing = true;
                    target = existing;
                    write = patchOf(existing);
                } else {
                    String namespace = involved.namespace() == null || involved.namespace().isEmpty()
                            ? "default" : involved.namespace();
                    target = new Series(namespace, uniqueName(involved.name(), now), now);
                    series.put(key, target);
                    Event event = eventOf(target, ref, type, reason, message, now);
                    write = Mono.defer(() -> sink.create(event));
                }
            }
            send(key, target, write);
        } catch (RuntimeException e) {
            log.warn("{}: could not record event {}: {}", component, reason, e.toString());
        }
    }

    private Event eventOf(Series target, ObjectReference ref, String type, String reason, String message,
            Instant now) {
        String time = Times.format(now);
        return new Event(null, null, ObjectMeta.of(target.namespace, target.name), ref, reason, message, type, 1,
                time, time, null, new EventSource(component, host, null), component, host, null, null);
    }

    /** Called with the recorder's lock held; the patch is sent when subscribed. */
    private Mono<Void> patchOf(Series target) {
        String body = Json.write(Map.of("count", target.count, "lastTimestamp", Times.format(target.lastSeen)));
        return Mono.defer(() -> sink.patch(target.namespace, target.name, body));
    }

    private void send(SeriesKey key, Series target, Mono<Void> write) {
        if (!inFlight.tryAcquire()) {
            synchronized (this) {
                target.writing = false;
                target.dirty = false;
                if (target.count == 1) {
                    series.remove(key, target); // never created: the next occurrence creates it
                }
                if (!dropping) {
                    dropping = true;
                    log.warn("{}: {} event writes in flight; dropping events until they drain", component,
                            maxInFlight);
                }
            }
            return;
        }
        write.then().subscribe(
                null,
                error -> completed(key, target, error),
                () -> completed(key, target, null));
    }

    /** A write finished (on a Netty thread): note the outcome and send the next patch if repeats came meanwhile. */
    private void completed(SeriesKey key, Series target, Throwable error) {
        inFlight.release();
        Mono<Void> next = null;
        synchronized (this) {
            target.writing = false;
            dropping = false;
            if (error != null) {
                // Whatever is on the server is unknown now (or gone, e.g. expired): start a new Event next time.
                series.remove(key, target);
                target.dirty = false;
                if (!failing) {
                    failing = true;
                    log.warn("{}: writing event {}/{} failed ({}); further failures are not logged until a write"
                            + " succeeds", component, target.namespace, target.name,
                            error instanceof ApiException api ? api.getMessage() : error.toString());
                }
            } else {
                if (failing) {
                    failing = false;
                    log.info("{}: writing events works again", component);
                }
                if (target.dirty && series.get(key) == target) {
                    target.dirty = false;
                    target.writing = true;
                    next = patchOf(target);
                }
            }
        }
        if (next != null) {
            send(key, target, next);
        }
    }

    /** Kubernetes names events {@code <object>.<hex nanoseconds>}; strictly increasing, so never twice. */
    private String uniqueName(String objectName, Instant now) {
        long nanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        long unique = lastNameNanos.accumulateAndGet(nanos, (last, candidate) -> Math.max(last + 1, candidate));
        return objectName + "." + Long.toHexString(unique);
    }

    private static String involvedKey(KubeObject<?> involved) {
        String uid = involved.metadata().uid();
        return uid != null && !uid.isEmpty() ? uid
                : involved.kind() + "/" + involved.namespace() + "/" + involved.name();
    }

    private static String format(String messageFormat, Object[] args) {
        String message;
        if (messageFormat == null) {
            message = "";
        } else if (args == null || args.length == 0) {
            message = messageFormat;
        } else {
            try {
                message = String.format(messageFormat, args);
            } catch (IllegalFormatException e) {
                message = messageFormat + " " + Arrays.toString(args);
            }
        }
        return message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message;
    }
}
