package io.j8s.common.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

    @Test
    void exponentialDoublesPerFailureOfTheSameKeyUpToTheCap() {
        RateLimiter<String> limiter = RateLimiters.exponential(Duration.ofMillis(5), Duration.ofSeconds(1000));

        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
        assertThat(limiter.when("b")).as("per key").isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.numRequeues("a")).isEqualTo(3);

        for (int i = 0; i < 100; i++) {
            limiter.when("a");
        }
        assertThat(limiter.when("a")).as("capped, no overflow").isEqualTo(Duration.ofSeconds(1000));

        limiter.forget("a");
        assertThat(limiter.numRequeues("a")).isZero();
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void bucketAllowsTheBurstThenSpacesCallsAtTheRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter<String> limiter = new RateLimiters.BucketRateLimiter<>(10, 3, now::get);

        assertThat(limiter.when("a")).isZero();
        assertThat(limiter.when("b")).isZero();
        assertThat(limiter.when("c")).isZero();
        // The bucket is empty: each further call waits 100 ms more than the one before.
        assertThat(limiter.when("d")).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.when("e")).isEqualTo(Duration.ofMillis(200));

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.when("f")).as("refilled, but only up to the burst").isZero();
        assertThat(limiter.when("g")).isZero();
        assertThat(limiter.when("h")).isZero();
        assertThat(limiter.when("i")).isEqualTo(Duration.ofMillis(100));
        assertThat(limiter.numRequeues("i")).isZero();
    }

    @Test
    void maxTakesTheLongestDelayAndForgetsEverywhere() {
        RateLimiter<String> slow = RateLimiters.exponential(Duration.ofMillis(100), Duration.ofSeconds(10));
        RateLimiter<String> fast = RateLimiters.exponential(Duration.ofMillis(1), Duration.ofSeconds(10));
        RateLimiter<String> both = RateLimiters.max(fast, slow);

        assertThat(both.when("k")).isEqualTo(Duration.ofMillis(100));
        assertThat(both.when("k")).isEqualTo(Duration.ofMillis(200));
        assertThat(both.numRequeues("k")).isEqualTo(2);
        both.forget("k");
        assertThat(slow.numRequeues("k")).isZero();
        assertThat(fast.numRequeues("k")).isZero();
    }

    @Test
    void theDefaultControllerLimiterStartsAtFiveMilliseconds() {
        RateLimiter<String> limiter = RateLimiters.defaultControllerRateLimiter();

        assertThat(limiter.when("x")).isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.when("x")).isEqualTo(Duration.ofMillis(10));
    }
}
