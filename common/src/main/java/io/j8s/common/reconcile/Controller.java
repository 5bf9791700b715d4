package io.j8s.common.reconcile;

import io.j8s.common.client.ApiException;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler} on N worker threads fed by a {@link WorkQueue}, once the informers
 * it reads from have synced: client-go's processNextWorkItem loop. Event handlers put keys into
 * {@link #queue()}; workers take -> reconcile -> forget or requeue -> done.
 *
 * <p>One start per instance: {@link #stop()} shuts the queue down for good. A service that may lead
 * again later builds a new Controller (and a new queue) then.
 */
public final class Controller {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);
    private static final Duration SYNC_WAIT_LOG_INTERVAL = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEW, STARTING, RUNNING, STOPPED }

    private final String name;
    private final Reconciler reconciler;
    private final int workers;
    private final List<SharedInformer<?>> informers;
    private final WorkQueue<String> queue;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<Thread> threads = new ArrayList<>();
    private volatile Thread starter;

    private Controller(Builder builder) {
        this.name = builder.name;
        this.reconciler = Objects.requireNonNull(builder.reconciler, "a controller needs a reconciler");
        this.workers = builder.workers;
        this.informers = List.copyOf(builder.informers);
        this.queue = builder.queue != null ? builder.queue : WorkQueue.withDefaultRateLimiter(builder.name);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Where event handlers enqueue keys. Keys added before the workers start wait there. */
    public WorkQueue<String> queue() {
        return queue;
    }

    /**
     * Starts the controller and returns at once: a thread ({@code <name>-starter}) waits until every
     * watched informer has synced, then starts the workers ({@code <name>-worker-<i>}). Returning at
     * once lets a leader elector's callback start controllers without delaying its renewals.
     *
     * @throws IllegalStateException when the controller was stopped
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTING)) {
            if (state.get() == State.STOPPED) {
                throw new IllegalStateException("controller " + name + " was stopped and cannot start again");
            }
            return;
        }
        Thread thread = new Thread(this::waitForCachesThenStartWorkers, name + "-starter");
        thread.setDaemon(true);
        starter = thread;
        thread.start();
    }

    private void waitForCachesThenStartWorkers() {
        for (SharedInformer<?> informer : informers) {
            while (!informer.waitForSync(SYNC_WAIT_LOG_INTERVAL)) {
                if (state.get() != State.STARTING) {
                    return;
                }
                log.info("controller {}: still waiting for the {} to sync", name, informer);
            }
        }
        synchronized (threads) {
            if (!state.compareAndSet(State.STARTING, State.RUNNING)) {
                return;
            }
            for (int i = 0; i < workers; i++) {
                Thread worker = new Thread(this::work, name + "-worker-" + i);
                worker.setDaemon(true);
                threads.add(worker);
                worker.start();
            }
        }
        log.info("controller {}: caches synced, {} workers started", name, workers);
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                if (state.get() != State.RUNNING) {
                    return; // stopped: leave what is queued to whoever runs next
                }
                processOne(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void processOne(String key) {
        try {
            Result result = reconciler.reconcile(key);
            if (result == null || (!result.requeueRateLimited() && result.requeueAfter() == null)) {
                queue.forget(key);
            } else if (result.requeueAfter() != null) {
                queue.forget(key);
                queue.addAfter(key, result.requeueAfter());
            } else {
                queue.addRateLimited(key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.addRateLimited(key);
        } catch (Exception e) {
            logFailure(key, e);
            queue.addRateLimited(key);
        }
    }

    private void logFailure(String key, Exception e) {
        int retries = queue.numRequeues(key);
        ApiException api = apiExceptionIn(e);
        if (api != null) {
            // Conflicts and vanished objects are what level-triggered loops live with: no stack trace.
            if (api.isConflict() || api.isNotFound()) {
                log.info("controller {}: {} will be retried ({} so far): {}", name, key, retries, api.getMessage());
            } else {
                log.warn("controller {}: reconciling {} failed ({} retries so far): {}", name, key, retries,
                        api.getMessage());
            }
        } else {
            log.warn("controller {}: reconciling {} failed ({} retries so far)", name, key, retries, e);
        }
    }

    private static ApiException apiExceptionIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /**
     * Stops taking keys, shuts the queue down and waits (at most 10 s) for the workers to finish
     * their current key; workers still busy after that are interrupted.
     */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        queue.shutDown();
        Thread waiting = starter;
        if (waiting != null) {
            waiting.interrupt();
        }
        List<Thread> running;
        synchronized (threads) {
            running = List.copyOf(threads);
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread worker : running) {
            if (worker == Thread.currentThread()) {
                continue;
            }
            try {
                worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (worker.isAlive()) {
                log.warn("controller {}: {} still busy after {} s; interrupting it", name, worker.getName(),
                        STOP_TIMEOUT.toSeconds());
                worker.interrupt();
            }
        }
        if (previous != State.NEW) {
            log.info("controller {}: stopped", name);
        }
    }

    /** True from {@link #start()} (including while waiting for caches) until {@link #stop()}. */
    public boolean isRunning() {
        State current = state.get();
        return current == State.STARTING || current == State.RUNNING;
    }

    /** Builds a {@link Controller}; reconciler is required, one worker and a default queue otherwise. */
    public static final class Builder {

        private final String name;
        private Reconciler reconciler;
        private int workers = 1;
        private final List<SharedInformer<?>> informers = new ArrayList<>();
        private WorkQueue<String> queue;

        private Builder(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a controller needs a name");
            }
            this.name = name;
        }

        public Builder reconciler(Reconciler reconciler) {
            this.reconciler = reconciler;
            return this;
        }

        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a controller needs at least one worker, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** The informers whose caches must have synced before any worker starts. */
        public Builder watches(SharedInformer<?>... informersToWaitFor) {
            informers.addAll(List.of(informersToWaitFor));
            return this;
        }

        /** The queue to use; by default {@link WorkQueue#withDefaultRateLimiter} named after the controller. */
        public Builder queue(WorkQueue<String> q) {
            this.queue = q;
            return this;
        }

        public Controller build() {
            return new Controller(this);
        }
    }
}
