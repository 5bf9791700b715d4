package io.j8s.scheduler.schedule;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a piece of work per index over a few threads, the calling thread included (kube-scheduler's
 * parallelize.Until): how the nodes of one pod are filtered and scored. Small jobs run on the caller alone,
 * where handing work to other threads would cost more than it saves.
 */
final class Parallelizer implements AutoCloseable {

    /** Below this many pieces per thread, one thread is faster. */
    private static final int MIN_PIECES_PER_THREAD = 64;

    private final int parallelism;
    private final ExecutorService helpers;

    Parallelizer(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        if (this.parallelism == 1) {
            this.helpers = null;
            return;
        }
        AtomicInteger count = new AtomicInteger();
        this.helpers = Executors.newFixedThreadPool(this.parallelism - 1, runnable -> {
            Thread thread = new Thread(runnable, "scheduler-parallel-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} for every index in 0..pieces-1 and returns when all have run; rethrows the first failure. */
    void until(int pieces, IntConsumer work) {
        int threads = Math.min(parallelism, pieces / MIN_PIECES_PER_THREAD);
        if (threads <= 1 || helpers == null) {
            for (int i = 0; i < pieces; i++) {
                work.accept(i);
            }
            return;
        }
        int chunk = Math.max(1, pieces / (threads * 4));
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                for (int start = next.getAndAdd(chunk); start < pieces && failure.get() == null;
                     start = next.getAndAdd(chunk)) {
                    int end = Math.min(pieces, start + chunk);
                    for (int i = start; i < end; i++) {
                        work.accept(i);
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        CountDownLatch helpersDone = new CountDownLatch(threads - 1);
        for (int t = 1; t < threads; t++) {
            helpers.execute(() -> {
                try {
                    worker.run();
                } finally {
                    helpersDone.countDown();
                }
            });
        }
        worker.run();
        try {
            helpersDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filtering or scoring nodes", e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
