package io.j8s.common.workqueue;

import java.time.Duration;

/** The rate limiters of client-go's workqueue package. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /** Per key: {@code base * 2^failures}, capped at {@code max}. */
    public static <K> RateLimiter<K> exponential(Duration base, Duration max) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * One token bucket for all keys: {@code qps} tokens a second, at most {@code burst} saved up.
     * Tames a storm of failures across many keys.
     */
    public static <K> RateLimiter<K> bucket(double qps, int burst) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The longest delay of all {@code limiters}; forget and numRequeues go to (and come from) all. */
    @SafeVarargs
    public static <K> RateLimiter<K> max(RateLimiter<K>... limiters) {
        throw new UnsupportedOperationException("in progress");
    }

    /** client-go's DefaultControllerRateLimiter: max(exponential(5 ms, 1000 s), bucket(10 qps, burst 100)). */
    public static <K> RateLimiter<K> defaultControllerRateLimiter() {
        return max(exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)), bucket(10, 100));
    }
}
