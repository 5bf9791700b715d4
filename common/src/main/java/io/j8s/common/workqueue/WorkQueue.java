package io.j8s.common.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A keyed work queue with client-go's guarantees: a key queued several times before a worker takes
 * it is processed once; a key is never handed to two workers at once (added while being processed,
 * it is queued again when {@link #done} is called); keys can come back after a delay or after a
 * rate-limited back-off. Thread-safe.
 */
public final class WorkQueue<K> {

    private final String name;
    private final RateLimiter<K> limiter;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Keys ready for a worker, in order. */
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need processing: those in {@link #queue} and those re-added while processing. */
    private final Set<K> dirty = new HashSet<>();
    /** Keys a worker has taken and not yet marked done. */
    private final Set<K> processing = new HashSet<>();
    /** Keys waiting for a delay to pass; one timer per key, the earliest wins. */
    private final Map<K, Waiting> waiting = new HashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private boolean shuttingDown;

    private record Waiting(long readyAtNanos, ScheduledFuture<?> timer) {
    }

    public WorkQueue(String name, RateLimiter<K> limiter) {
        this.name = Objects.requireNonNull(name, "name");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name + "-delays");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A queue with {@link RateLimiters#defaultControllerRateLimiter()}. */
    public static <K> WorkQueue<K> withDefaultRateLimiter(String name) {
        return new WorkQueue<>(name, RateLimiters.defaultControllerRateLimiter());
    }

    public String name() {
        return name;
    }

    /** Queues {@code key} unless it is already waiting; ignored after shutdown. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shuttingDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code key} once {@code delay} has passed (at once for zero or negative). A key already
     * waiting keeps the earlier of its two deadlines.
     */
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        if (delay == null || delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            long readyAt = System.nanoTime() + delay.toNanos();
            Waiting existing = waiting.get(key);
            if (existing != null) {
                if (existing.readyAtNanos() - readyAt <= 0) {
                    return;
                }
                existing.timer().cancel(false);
            }
            ScheduledFuture<?> future = timer.schedule(() -> delayPassed(key, readyAt), delay.toNanos(),
                    TimeUnit.NANOSECONDS);
            waiting.put(key, new Waiting(readyAt, future));
        } finally {
            lock.unlock();
        }
    }

    private void delayPassed(K key, long readyAt) {
        lock.lock();
        try {
            Waiting current = waiting.get(key);
            if (current == null || current.readyAtNanos() != readyAt) {
                return; // superseded by an earlier deadline
            }
            waiting.remove(key);
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /** Queues {@code key} after the rate limiter's delay for it (growing with each failure). */
    public void addRateLimited(K key) {
        addAfter(key, limiter.when(key));
    }

    /** Resets the back-off of {@code key}; call after a success. */
    public void forget(K key) {
        limiter.forget(key);
    }

    public int numRequeues(K key) {
        return limiter.numRequeues(key);
    }

    /**
     * The next key to process, blocking until there is one; the caller must call {@link #done}
     * with it afterwards. Returns null once the queue is shut down and drained.
     */
    public K take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                notEmpty.await();
            }
            K key = queue.pollFirst();
            if (key == null) {
                return null;
            }
            processing.add(key);
            dirty.remove(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code key} processed; if it was added meanwhile it is queued again now. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key)) {
                queue.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting keys, drops delayed ones and wakes waiting workers; queued keys are still handed out. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            waiting.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
    }

    public boolean isShutDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    /** How many keys wait to be taken (not counting delayed or in-flight ones). */
    public int length() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "WorkQueue[" + name + "]";
    }
}
