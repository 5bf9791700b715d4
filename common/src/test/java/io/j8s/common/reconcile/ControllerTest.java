package io.j8s.common.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.Status;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.ListWatchEvent;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.workqueue.RateLimiters;
import io.j8s.common.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

class ControllerTest {

    /** An ApiClient whose list-and-watch stream the test writes. */
    static final class ScriptedClient extends ApiClient {
        final Sinks.Many<ListWatchEvent<Pod>> stream = Sinks.many().unicast().onBackpressureBuffer();

        ScriptedClient() {
            super("http://unused.invalid");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends KubeObject<T>> Flux<ListWatchEvent<T>> listAndWatch(ResourceType<T> type,
                String namespace, ListOptions options) {
            return (Flux<ListWatchEvent<T>>) (Flux<?>) stream.asFlux();
        }
    }

    private final ScriptedClient client = new ScriptedClient();
    private final SharedInformer<Pod> informer =
            new SharedInformer<>(client, Resources.PODS, null, ListOptions.NONE, Duration.ZERO);
    private final WorkQueue<String> queue =
            new WorkQueue<>("test", RateLimiters.exponential(Duration.ofMillis(10), Duration.ofSeconds(1)));
    private Controller controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.stop();
        }
        informer.stop();
    }

    private void sync() {
        informer.start();
        client.stream.tryEmitNext(new ListWatchEvent.Listed<>(List.of(), "1"));
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void workersStartOnlyOnceTheCachesHaveSynced() throws InterruptedException {
        CountDownLatch reconciled = new CountDownLatch(1);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        controller = Controller.builder("pods").reconciler(key -> {
            threads.add(Thread.currentThread().getName());
            reconciled.countDown();
            return Result.done();
        }).workers(2).watches(informer).queue(queue).build();
        controller.start();
        controller.queue().add("default/a");

        assertThat(controller.isRunning()).isTrue();
        assertThat(reconciled.await(200, TimeUnit.MILLISECONDS)).as("not before the cache synced").isFalse();
        sync();
        assertThat(reconciled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).singleElement().asString().matches("pods-worker-[01]");
    }

    @Test
    void eachResultDecidesWhatHappensToTheKey() throws InterruptedException {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<Long> afterTimes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(3);
        controller = Controller.builder("results").queue(queue).watches(informer).reconciler(key -> {
            int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            switch (key) {
                case "done" -> {
                    finished.countDown();
                    return Result.done();
                }
                case "retry" -> {
                    if (n < 3) {
                        return Result.requeue();
                    }
                    finished.countDown();
                    return Result.done();
                }
                case "later" -> {
                    afterTimes.add(System.nanoTime());
                    if (n < 2) {
                        return Result.requeueAfter(Duration.ofMillis(100));
                    }
                    finished.countDown();
                    return Result.done();
                }
                default -> throw new IllegalArgumentException(key);
            }
        }).build();
        sync();
        controller.start();
        queue.add("done");
        queue.add("retry");
        queue.add("later");

        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(calls.get("done")).hasValue(1);
        assertThat(calls.get("retry")).hasValue(3);
        assertThat(calls.get("later")).hasValue(2);
        assertThat(afterTimes.get(1) - afterTimes.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        Thread.sleep(50);
        assertThat(queue.numRequeues("retry")).as("forgotten after success").isZero();
    }

    @Test
    void failuresAreRetriedWithGrowingBackOff() throws InterruptedException {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch fourCalls = new CountDownLatch(4);
        controller = Controller.builder("failing").queue(queue).watches(informer).reconciler(key -> {
            times.add(System.nanoTime());
            fourCalls.countDown();
            if (times.size() % 2 == 0) {
                throw new ApiException(Status.failure(409, "Conflict", "the object has been modified"));
            }
            throw new IllegalStateException("boom");
        }).build();
        sync();
        controller.start();
        queue.add("default/x");

        assertThat(fourCalls.await(5, TimeUnit.SECONDS)).isTrue();
        // 10, 20, 40 ms between attempts
        assertThat(times.get(3) - times.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
    }

    @Test
    void aKeyIsNeverReconciledByTwoWorkersAtOnce() throws InterruptedException {
        Set<String> active = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        controller = Controller.builder("busy").queue(queue).workers(8).reconciler(key -> {
            if (!active.add(key)) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(1);
            active.remove(key);
            total.incrementAndGet();
            return Result.done();
        }).build();
        controller.start();
        for (int i = 0; i < 500; i++) {
            queue.add("key-" + (i % 3));
            Thread.sleep(0, 100_000);
        }
        Thread.sleep(100);

        assertThat(overlaps).hasValue(0);
        assertThat(total.get()).isPositive();
    }

    @Test
    void stopEndsTheWorkersAndCannotBeUndone() throws InterruptedException {
        controller = Controller.builder("stopping").queue(queue).workers(3).reconciler(key -> Result.done()).build();
        controller.start();
        Thread.sleep(100);

        controller.stop();

        assertThat(controller.isRunning()).isFalse();
        assertThat(queue.isShutDown()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("stopping-worker-"));
        assertThatThrownBy(controller::start).isInstanceOf(IllegalStateException.class);
    }
}
