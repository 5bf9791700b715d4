package io.j8s.common.workqueue;

import java.time.Duration;

/** How long a key waits before it is retried (client-go's workqueue.RateLimiter). Thread-safe. */
public interface RateLimiter<K> {

    /** The delay before {@code key} is processed again; each call counts as one more failure. */
    Duration when(K key);

    /** Forgets the failures of {@code key}: it succeeded, or was given up on. */
    void forget(K key);

    /** How many times {@code key} was requeued since it was last forgotten. */
    int numRequeues(K key);
}
