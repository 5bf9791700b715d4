package io.j8s.common.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test",
            RateLimiters.exponential(Duration.ofMillis(20), Duration.ofSeconds(1)));

    @AfterEach
    void shutDown() {
        queue.shutDown();
    }

    @Test
    void aKeyAddedTwiceBeforeBeingTakenIsProcessedOnce() throws InterruptedException {
        queue.add("default/a");
        queue.add("default/b");
        queue.add("default/a");

        assertThat(queue.length()).isEqualTo(2);
        assertThat(queue.take()).isEqualTo("default/a");
        assertThat(queue.take()).isEqualTo("default/b");
        assertThat(queue.length()).isZero();
    }

    @Test
    void aKeyAddedWhileProcessingComesBackOnlyAfterDone() throws InterruptedException {
        queue.add("a");
        String key = queue.take();
        queue.add("a");
        queue.add("a");

        assertThat(queue.length()).as("not handed out while a worker has it").isZero();
        queue.done(key);
        assertThat(queue.length()).isEqualTo(1);
        assertThat(queue.take()).isEqualTo("a");
        queue.done("a");
        assertThat(queue.length()).isZero();
    }

    @Test
    void eightWorkersNeverProcessTheSameKeyAtOnce() throws InterruptedException {
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread worker = new Thread(() -> {
                try {
                    String key;
                    while ((key = queue.take()) != null) {
                        if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.sleep(0, 200_000);
                        active.get(key).decrementAndGet();
                        processed.incrementAndGet();
                        queue.done(key);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (int round = 0; round < 2000; round++) {
            queue.add("key-" + (round % 5));
            if (round % 50 == 0) {
                Thread.sleep(1);
            }
        }
        Thread.sleep(200);
        queue.shutDown();
        for (Thread worker : workers) {
            worker.join(5000);
        }

        assertThat(overlaps).hasValue(0);
        assertThat(processed.get()).as("deduplicated, yet every key processed after its last add")
                .isBetween(5, 2000);
        assertThat(workers).noneMatch(Thread::isAlive);
    }

    @Test
    void addAfterHandsTheKeyOutOnlyOnceTheDelayPassed() throws InterruptedException {
        long start = System.nanoTime();
        queue.addAfter("later", Duration.ofMillis(150));
        queue.add("now");

        assertThat(queue.take()).isEqualTo("now");
        assertThat(queue.take()).isEqualTo("later");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aKeyWaitingTwiceKeepsTheEarlierDeadline() throws InterruptedException {
        queue.addAfter("k", Duration.ofSeconds(30));
        queue.addAfter("k", Duration.ofMillis(50));
        queue.addAfter("k", Duration.ofSeconds(10));

        long start = System.nanoTime();
        assertThat(queue.take()).isEqualTo("k");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        queue.done("k");
        Thread.sleep(100);
        assertThat(queue.length()).as("the later deadlines were dropped, not queued again").isZero();
    }

    @Test
    void rateLimitedRequeuesBackOffExponentiallyUntilForgotten() throws InterruptedException {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            queue.addRateLimited("failing");
            String key = queue.take();
            waits.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            queue.done(key);
        }
        assertThat(queue.numRequeues("failing")).isEqualTo(4);
        // 20, 40, 80, 160 ms
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(20);
        assertThat(waits.get(1)).isGreaterThanOrEqualTo(40);
        assertThat(waits.get(2)).isGreaterThanOrEqualTo(80);
        assertThat(waits.get(3)).isGreaterThanOrEqualTo(160);

        queue.forget("failing");
        assertThat(queue.numRequeues("failing")).isZero();
        long start = System.nanoTime();
        queue.addRateLimited("failing");
        queue.take();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(150);
    }

    @Test
    void shutDownWakesWaitingWorkersAndDrainsWhatIsQueued() throws InterruptedException {
        AtomicReference<String> taken = new AtomicReference<>("not yet");
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiting = new Thread(() -> {
            try {
                taken.set(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returned.countDown();
        });
        waiting.start();
        Thread.sleep(50);
        queue.shutDown();

        assertThat(returned.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(taken.get()).isNull();
        assertThat(queue.isShutDown()).isTrue();

        WorkQueue<String> other = new WorkQueue<>("other", RateLimiters.exponential(Duration.ZERO, Duration.ZERO));
        other.add("queued");
        other.addAfter("delayed", Duration.ofMillis(20));
        other.shutDown();
        other.add("too-late");
        assertThat(other.take()).isEqualTo("queued");
        Thread.sleep(60);
        assertThat(other.take()).as("delayed keys are dropped, late adds ignored").isNull();
    }
}
