package io.j8s.apiserver.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.storage.StorageEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Subscribes to a watch and records what it emits, for step-by-step assertions. */
final class WatchRecorder implements AutoCloseable {

    private final BlockingQueue<StorageEvent> events = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Disposable subscription;

    private WatchRecorder(Flux<StorageEvent> watch) {
        subscription = watch.subscribe(events::add, e -> {
            error.set(e);
            terminated.countDown();
        }, terminated::countDown);
    }

    static WatchRecorder record(Flux<StorageEvent> watch) {
        return new WatchRecorder(watch);
    }

    /** The next event, failing if none arrives in time or the watch failed. */
    StorageEvent next(Duration timeout) throws InterruptedException {
        StorageEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout + (error.get() == null ? "" : ", watch failed"),
                    error.get());
        }
        return event;
    }

    /** Waits and asserts that nothing was emitted and the watch is still open. */
    void expectNothingFor(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
        assertThat(events).as("unexpected events").isEmpty();
        assertThat(error.get()).as("unexpected error").isNull();
        assertThat(terminated.getCount()).as("watch ended").isEqualTo(1);
    }

    /** The error the watch ended with. */
    Throwable awaitError(Duration timeout) throws InterruptedException {
        assertThat(terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("watch ended in time").isTrue();
        assertThat(error.get()).as("watch ended with an error").isNotNull();
        return error.get();
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
