package io.j8s.apiserver.storage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects of one kind as etcd holds them, kept current by one etcd watch that every watcher of the kind shares
 * (kube-apiserver's Cacher and watchCache). Without it each watch is its own etcd watch, and every change is sent,
 * decoded and filtered once per watcher; with it, once.
 *
 * <p>It keeps each object's stored bytes (not decoded trees: a tenth of the memory) and a window of the latest
 * changes, so a watch from a recent resourceVersion is replayed from memory. A watch from before the window, or
 * while the cache is (re)loading, is answered by {@link EtcdStorage} directly, so the caller sees exactly what etcd
 * would say, including 410 Expired for a compacted revision.
 *
 * <p>The cached state also seeds read-modify-write updates (see {@link #get}): the etcd transaction compares the
 * mod revision, so a stale copy only costs a retry, never a lost write.
 *
 * <p>A watcher that does not keep up (its buffer of {@value #WATCHER_BUFFER} changes is full) is ended with
 * 410 Expired, so its client lists again instead of holding everyone up.
 */
final class WatchCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchCache.class);
    static final int WATCHER_BUFFER = 16_384;

    private final String prefix;
    private final EtcdStorage etcd;
    private final int windowSize;
    private final int watcherBuffer;
    private final Scheduler dispatcher;
    private final Object lock = new Object();
    private final Map<String, EtcdStorage.RawObject> objects = new HashMap<>();
    private final ArrayDeque<Change> window = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** Every change up to here is applied. */
    private long revision;
    /** Every change after this revision is in the window. */
    private long windowFloor;
    private volatile boolean ready;
    private volatile boolean closed;
    private Disposable subscription;

    private record Change(String key, StorageEvent event) {
    }

    /** One watch served from the cache: the keys it wants, the revision it started after, where its changes go. */
    private record Watcher(String keyPrefix, long afterRevision, Sinks.Many<StorageEvent> sink) {
    }

    WatchCache(String prefix, EtcdStorage etcd, int windowSize) {
        this(prefix, etcd, windowSize, WATCHER_BUFFER);
    }

    WatchCache(String prefix, EtcdStorage etcd, int windowSize, int watcherBuffer) {
        this.prefix = prefix;
        this.etcd = etcd;
        this.windowSize = windowSize;
        this.watcherBuffer = watcherBuffer;
        // Decoding and fanning out happen here, never on jetcd's callback threads.
        this.dispatcher = Schedulers.newSingle("watch-cache" + prefix.replace('/', '-'), true);
    }

    /** Loads the kind and starts following etcd; returns at once (until loaded, callers fall back to etcd). */
    void start() {
        load();
    }

    boolean isReady() {
        return ready;
    }

    long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    private void load() {
        if (closed) {
            return;
        }
        subscription = etcd.listRaw(prefix)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
            .flatMapMany(list -> {
                synchronized (lock) {
                    objects.clear();
                    list.objects().forEach(object -> objects.put(object.key(), object));
                    window.clear();
                    revision = list.revision();
                    windowFloor = list.revision();
                    ready = true;
                }
                log.info("Watch cache of {}: {} objects at revision {}", prefix, list.objects().size(), list.revision());
                return etcd.watchRaw(prefix, list.revision());
            })
            .publishOn(dispatcher, 256)
            .subscribe(this::apply, this::failed);
    }

    /** Only a compacted revision ends the etcd watch (it resumes by itself otherwise): start over from a list. */
    private void failed(Throwable error) {
        List<Watcher> ended;
        synchronized (lock) {
            ready = false;
            ended = List.copyOf(watchers);
            watchers.clear();
        }
        log.warn("Watch cache of {} lost its etcd watch ({}); reloading, {} watchers must list again", prefix,
            error.toString(), ended.size());
        // Their changes since the compacted revision are gone, so they cannot resume: 410, as etcd would say.
        ended.forEach(watcher -> watcher.sink().tryEmitError(expired(watcher.afterRevision())));
        load();
    }

    private void apply(EtcdStorage.RawChange change) {
        synchronized (lock) {
            if (change.type() == StorageEvent.Type.PROGRESS) {
                revision = Math.max(revision, change.revision());
                StorageEvent progress = StorageEvent.progress(revision);
                watchers.forEach(watcher -> emit(watcher, progress));
                return;
            }
            EtcdStorage.RawObject current = change.object();
            String key = current.key();
            EtcdStorage.RawObject previous = change.type() == StorageEvent.Type.DELETE
                ? objects.remove(key) : objects.put(key, current);
            revision = change.revision();
            StorageEvent event = event(change, previous);
            if (event == null) {
                return;
            }
            window.addLast(new Change(key, event));
            while (window.size() > windowSize) {
                windowFloor = window.removeFirst().event().revision();
            }
            for (Watcher watcher : watchers) {
                if (key.startsWith(watcher.keyPrefix()) && event.revision() > watcher.afterRevision()) {
                    emit(watcher, event);
                }
            }
        }
    }

    private static StorageEvent event(EtcdStorage.RawChange change, EtcdStorage.RawObject previous) {
        long at = change.revision();
        if (change.type() == StorageEvent.Type.DELETE) {
            if (previous == null) {
                return null; // a key this cache never saw: nothing to tell anyone
            }
            // Kubernetes reports a deleted object with the deletion's revision as its resourceVersion.
            return StorageEvent.lazy(StorageEvent.Type.DELETE, null,
                () -> EtcdStorage.decode(previous.value(), at), at);
        }
        EtcdStorage.RawObject current = change.object();
        return StorageEvent.lazy(StorageEvent.Type.PUT,
            () -> EtcdStorage.decode(current.value(), current.modRevision()),
            previous == null ? null : () -> EtcdStorage.decode(previous.value(), previous.modRevision()), at);
    }

    private void emit(Watcher watcher, StorageEvent event) {
        Sinks.EmitResult result = watcher.sink().tryEmitNext(event);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            log.info("Watch cache of {}: a watcher of {} fell {} changes behind; ending it", prefix,
                watcher.keyPrefix(), watcherBuffer);
            watchers.remove(watcher);
            watcher.sink().tryEmitError(expired(watcher.afterRevision()));
        }
    }

    private static StorageException.Expired expired(long afterRevision) {
        return new StorageException.Expired(afterRevision, 0);
    }

    /**
     * Every change under {@code keyPrefix} (this cache's prefix or a narrower one) after {@code afterRevision}, as
     * {@link Storage#watch}; empty when the cache cannot serve it (not loaded, or the revision is older than the
     * window), in which case the caller watches etcd itself.
     */
    Optional<Flux<StorageEvent>> watch(String keyPrefix, long afterRevision) {
        Watcher watcher;
        List<StorageEvent> replay = new ArrayList<>();
        synchronized (lock) {
            if (!ready || afterRevision < windowFloor) {
                return Optional.empty();
            }
            for (Change change : window) {
                if (change.event().revision() > afterRevision && change.key().startsWith(keyPrefix)) {
                    replay.add(change.event());
                }
            }
            watcher = new Watcher(keyPrefix, Math.max(afterRevision, revision),
                Sinks.many().unicast().onBackpressureBuffer(Queues.<StorageEvent>get(watcherBuffer).get()));
            watchers.add(watcher);
        }
        return Optional.of(Flux.fromIterable(replay)
            .concatWith(watcher.sink().asFlux())
            .doFinally(signal -> watchers.remove(watcher)));
    }

    /**
     * The object at {@code key} as the cache has it (possibly a little behind etcd), decoded afresh for the caller
     * to change; empty when the cache is not loaded or has no such object.
     */
    Optional<ObjectNode> get(String key) {
        EtcdStorage.RawObject object;
        synchronized (lock) {
            if (!ready) {
                return Optional.empty();
            }
            object = objects.get(key);
        }
        return object == null ? Optional.empty()
            : Optional.of(EtcdStorage.decode(object.value(), object.modRevision()));
    }

    @Override
    public void close() {
        closed = true;
        if (subscription != null) {
            subscription.dispose();
        }
        watchers.forEach(watcher -> watcher.sink().tryEmitComplete());
        dispatcher.dispose();
    }
}
