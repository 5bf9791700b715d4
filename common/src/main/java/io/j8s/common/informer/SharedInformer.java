package io.j8s.common.informer;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.ListWatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Keeps a local cache of one kind (in one namespace or all, optionally filtered by selectors) in
 * step with the API server, and tells handlers what changed: client-go's SharedIndexInformer.
 * Lists, then watches from the list's resourceVersion through {@link ApiClient#listAndWatch}; every
 * (re)list replaces the cache and notifies the differences, so a relist after 410 Expired leaves the
 * cache exactly as the server has it. Handlers run on one dispatcher thread per informer, in order;
 * Netty threads only enqueue. The dispatcher updates the cache before it notifies, so a handler (and
 * a worker woken by it) always finds at least that state in {@link #cache()}. A slow handler delays
 * the cache too: handlers should only compute keys and enqueue them.
 *
 * <p>One start per instance: a stopped informer cannot be started again.
 */
public final class SharedInformer<T extends KubeObject<T>> {

    private static final Logger log = LoggerFactory.getLogger(SharedInformer.class);

    private enum State { NEW, STARTED, STOPPED }

    private final ApiClient client;
    private final ResourceType<T> type;
    private final String namespace;
    private final ListOptions options;
    private final Duration resyncPeriod;
    private final String description;
    private final IndexedStore<T> store;
    private final InformerCore<T> core;
    /** Work for the dispatcher: list/watch events and handler registrations, in arrival order. */
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread dispatcher;
    private volatile Disposable subscription;

    /**
     * @param namespace    the namespace to watch, null for all (ignored for cluster-scoped kinds)
     * @param options      label/field selectors of the list and watch; {@link ListOptions#NONE} for everything
     * @param resyncPeriod how often every cached object is re-notified as {@code onUpdate(obj, obj)};
     *                     {@link Duration#ZERO} for never
     */
    public SharedInformer(ApiClient client, ResourceType<T> type, String namespace, ListOptions options,
            Duration resyncPeriod) {
        this.client = Objects.requireNonNull(client, "client");
        this.type = Objects.requireNonNull(type, "type");
        this.namespace = type.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
        this.options = options == null ? ListOptions.NONE : options;
        this.resyncPeriod = resyncPeriod == null || resyncPeriod.isNegative() ? Duration.ZERO : resyncPeriod;
        this.description = describe(type, this.namespace, this.options);
        this.store = new IndexedStore<>(description);
        this.core = new InformerCore<>(description, store);
    }

    private static String describe(ResourceType<?> type, String namespace, ListOptions options) {
        StringBuilder text = new StringBuilder("informer of ").append(type.plural());
        text.append(namespace == null ? "" : " in " + namespace);
        if (options.labelSelector() != null && !options.labelSelector().isEmpty()) {
            text.append(" [").append(options.labelSelector()).append(']');
        }
        if (options.fieldSelector() != null && !options.fieldSelector().isEmpty()) {
            text.append(" [").append(options.fieldSelector()).append(']');
        }
        return text.toString();
    }

    /**
     * Adds a handler. Before start it sees everything from the first list on; added after the cache
     * has objects, it first gets {@code onAdd} for each of them, then the live changes.
     */
    public void addEventHandler(ResourceEventHandler<T> handler) {
        Objects.requireNonNull(handler, "handler");
        inbox.add(() -> core.addHandler(handler));
    }

    /**
     * Registers an index (see {@link Indexes}) before {@link #start()}.
     *
     * @throws IllegalStateException after start
     */
    public void addIndexer(String indexName, Function<T, List<String>> indexFunction) {
        if (state.get() != State.NEW) {
            throw new IllegalStateException(description + ": indexes must be added before start");
        }
        store.addIndexer(Objects.requireNonNull(indexName, "indexName"), Objects.requireNonNull(indexFunction,
                "indexFunction"));
    }

    /** Starts listing and watching in the background; returns at once. Calling it again does nothing. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            if (state.get() == State.STOPPED) {
                throw new IllegalStateException(description + " was stopped and cannot start again");
            }
            return;
        }
        Thread thread = new Thread(this::dispatch, "informer-" + type.plural() + (namespace == null ? "" : "-" + namespace));
        thread.setDaemon(true);
        dispatcher = thread;
        thread.start();
        // listAndWatch retries by itself; this only guards against a stream that ends anyway.
        subscription = client.listAndWatch(type, namespace, options)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("{}: list-and-watch failed ({}); starting over",
                                description, signal.failure().toString())))
                .subscribe(this::enqueue,
                        error -> log.error("{}: list-and-watch gave up: {}", description, error.toString()));
        log.info("{}: started", description);
    }

    private void enqueue(ListWatchEvent<T> event) {
        inbox.add(() -> {
            core.apply(event);
            if (event instanceof ListWatchEvent.Listed<T> && synced.getCount() > 0) {
                synced.countDown();
                log.info("{}: synced, {} objects at resourceVersion {}", description, store.size(),
                        core.resourceVersion());
            }
        });
    }

    /** The dispatcher thread: runs inbox work in order and, between it, the periodic resync. */
    private void dispatch() {
        long periodNanos = resyncPeriod.toNanos();
        long nextResync = System.nanoTime() + periodNanos;
        while (state.get() == State.STARTED) {
            try {
                Runnable work = periodNanos == 0 ? inbox.take()
                        : inbox.poll(Math.max(0, nextResync - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (work != null) {
                    work.run();
                }
                if (periodNanos > 0 && System.nanoTime() - nextResync >= 0) {
                    if (core.listed()) {
                        core.resync();
                    }
                    nextResync = System.nanoTime() + periodNanos;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("{}: dispatching failed", description, e);
            }
        }
    }

    /** Cancels the watch and stops the dispatcher; the cache keeps its last contents. */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous != State.STARTED) {
            return;
        }
        Disposable watching = subscription;
        if (watching != null) {
            watching.dispose();
        }
        Thread thread = dispatcher;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("{}: stopped", description);
    }

    /** True once the first list is in the cache and its notifications were handed to the handlers. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Blocks until {@link #hasSynced()} or the timeout; returns whether it synced. */
    public boolean waitForSync(Duration timeout) {
        try {
            return synced.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return hasSynced();
        }
    }

    /** The informer's cache, readable from any thread. */
    public Cache<T> cache() {
        return store;
    }

    public ResourceType<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return description;
    }
}
