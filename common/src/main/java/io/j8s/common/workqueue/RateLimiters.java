package io.j8s.common.workqueue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The rate limiters of client-go's workqueue package. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /** Per key: {@code base * 2^failures}, capped at {@code max}. */
    public static <K> RateLimiter<K> exponential(Duration base, Duration max) {
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= max, got " + base + " and " + max);
        }
        return new ExponentialFailureRateLimiter<>(base, max);
    }

    /**
     * One token bucket for all keys: {@code qps} tokens a second, at most {@code burst} saved up.
     * Tames a storm of failures across many keys.
     */
    public static <K> RateLimiter<K> bucket(double qps, int burst) {
        return new BucketRateLimiter<>(qps, burst, System::nanoTime);
    }

    /** The longest delay of all {@code limiters}; forget goes to all, numRequeues is the highest. */
    @SafeVarargs
    public static <K> RateLimiter<K> max(RateLimiter<K>... limiters) {
        if (limiters.length == 0) {
            throw new IllegalArgumentException("max of no rate limiters");
        }
        return new MaxOfRateLimiter<>(List.of(limiters));
    }

    /** client-go's DefaultControllerRateLimiter: max(exponential(5 ms, 1000 s), bucket(10 qps, burst 100)). */
    public static <K> RateLimiter<K> defaultControllerRateLimiter() {
        return max(exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)), bucket(10, 100));
    }

    static final class ExponentialFailureRateLimiter<K> implements RateLimiter<K> {

        private final long baseNanos;
        private final long maxNanos;
        private final Map<K, Integer> failures = new ConcurrentHashMap<>();

        ExponentialFailureRateLimiter(Duration base, Duration max) {
            this.baseNanos = base.toNanos();
            this.maxNanos = max.toNanos();
        }

        @Override
        public Duration when(K key) {
            int exponent = failures.merge(key, 1, Integer::sum) - 1;
            // In floating point: 2^exponent overflows a long long before the count stops growing.
            double nanos = baseNanos * Math.pow(2, exponent);
            return Duration.ofNanos(nanos >= maxNanos ? maxNanos : (long) nanos);
        }

        @Override
        public void forget(K key) {
            failures.remove(key);
        }

        @Override
        public int numRequeues(K key) {
            return failures.getOrDefault(key, 0);
        }
    }

    /**
     * Go's rate.Limiter as client-go's BucketRateLimiter uses it: each call reserves a token, and the
     * delay is how long until that token exists. Tokens may go negative, so later callers queue up
     * behind earlier ones. Written here because resilience4j's RateLimiter hands out fixed batches
     * per period rather than refilling a bucket continuously, which is not the same back-off shape.
     */
    static final class BucketRateLimiter<K> implements RateLimiter<K> {

        private final double qps;
        private final int burst;
        private final LongSupplier nanoTime;
        private double tokens;
        private long lastNanos;

        BucketRateLimiter(double qps, int burst, LongSupplier nanoTime) {
            if (qps <= 0 || burst < 1) {
                throw new IllegalArgumentException("need qps > 0 and burst >= 1, got " + qps + " and " + burst);
            }
            this.qps = qps;
            this.burst = burst;
            this.nanoTime = nanoTime;
            this.tokens = burst;
            this.lastNanos = nanoTime.getAsLong();
        }

        @Override
        public synchronized Duration when(K key) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
            lastNanos = now;
            tokens -= 1;
            return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
        }

        @Override
        public void forget(K key) {
            // a shared bucket has nothing per key to forget
        }

        @Override
        public int numRequeues(K key) {
            return 0;
        }
    }

    static final class MaxOfRateLimiter<K> implements RateLimiter<K> {

        private final List<RateLimiter<K>> limiters;

        MaxOfRateLimiter(List<RateLimiter<K>> limiters) {
            this.limiters = limiters;
        }

        @Override
        public Duration when(K key) {
            Duration longest = Duration.ZERO;
            for (RateLimiter<K> limiter : limiters) {
                Duration delay = limiter.when(key);
                if (delay.compareTo(longest) > 0) {
                    longest = delay;
                }
            }
            return longest;
        }

        @Override
        public void forget(K key) {
            limiters.forEach(limiter -> limiter.forget(key));
        }

        @Override
        public int numRequeues(K key) {
            return limiters.stream().mapToInt(limiter -> limiter.numRequeues(key)).max().orElse(0);
        }
    }
}
