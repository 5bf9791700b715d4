package io.j8s.common.workqueue;

import java.time.Duration;

/**
 * A keyed work queue with client-go's guarantees: a key queued several times before a worker takes
 * it is processed once; a key is never handed to two workers at once (added while being processed,
 * it is queued again when {@link #done} is called); keys can come back after a delay or after a
 * rate-limited back-off. Thread-safe.
 */
public final class WorkQueue<K> {

    public WorkQueue(String name, RateLimiter<K> limiter) {
        throw new UnsupportedOperationException("in progress");
    }

    /** A queue with {@link RateLimiters#defaultControllerRateLimiter()}. */
    public static <K> WorkQueue<K> withDefaultRateLimiter(String name) {
        return new WorkQueue<>(name, RateLimiters.defaultControllerRateLimiter());
    }

    /** Queues {@code key} unless it is already waiting; ignored after shutdown. */
    public void add(K key) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Queues {@code key} once {@code delay} has passed (at once for zero or negative). */
    public void addAfter(K key, Duration delay) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Queues {@code key} after the rate limiter's delay for it (growing with each failure). */
    public void addRateLimited(K key) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Resets the back-off of {@code key}; call after a success. */
    public void forget(K key) {
        throw new UnsupportedOperationException("in progress");
    }

    public int numRequeues(K key) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * The next key to process, blocking until there is one; the caller must call {@link #done}
     * with it afterwards. Returns null once the queue is shut down and drained.
     */
    public K take() throws InterruptedException {
        throw new UnsupportedOperationException("in progress");
    }

    /** Marks {@code key} processed; if it was added meanwhile it is queued again now. */
    public void done(K key) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Stops accepting keys, drops delayed ones and wakes waiting workers; queued keys are still handed out. */
    public void shutDown() {
        throw new UnsupportedOperationException("in progress");
    }

    public boolean isShutDown() {
        throw new UnsupportedOperationException("in progress");
    }

    /** How many keys wait to be taken (not counting delayed or in-flight ones). */
    public int length() {
        throw new UnsupportedOperationException("in progress");
    }
}
