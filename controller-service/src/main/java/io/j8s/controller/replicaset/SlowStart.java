package io.j8s.controller.replicaset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Kubernetes' slowStartBatch: do {@code count} calls in batches of 1, 2, 4, ... (each batch in parallel),
 * stopping after the first batch with a failure. A namespace out of quota then fails one pod creation, not
 * hundreds, and does not flood the API server or the event log.
 */
final class SlowStart {

    /** Kubernetes' SlowStartInitialBatchSize. */
    static final int INITIAL_BATCH_SIZE = 1;

    private SlowStart() {
    }

    /** How many calls succeeded, and the first failure of the batch that stopped the run (null if none). */
    record Outcome(int successes, Throwable firstError) {
    }

    /** The batch sizes for {@code count} calls when every call succeeds: 1, 2, 4, ..., the rest. */
    static List<Integer> batchSizes(int count, int initial) {
        List<Integer> sizes = new ArrayList<>();
        int remaining = count;
        for (int size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
            sizes.add(size);
            remaining -= size;
        }
        return sizes;
    }

    static Outcome run(int count, int initial, Supplier<Mono<?>> call, Duration batchTimeout) {
        int successes = 0;
        for (int size : batchSizes(count, initial)) {
            List<Throwable> errors;
            try {
                errors = Flux.range(0, size)
                    .flatMap(i -> Mono.defer(call::get).then(Mono.<Throwable>empty()).onErrorResume(Mono::just))
                    .collectList()
                    .block(batchTimeout);
            } catch (RuntimeException timedOut) {
                return new Outcome(successes, timedOut); // unknown outcome: count none of the batch as done
            }
            if (errors != null && !errors.isEmpty()) {
                return new Outcome(successes + size - errors.size(), errors.get(0));
            }
            successes += size;
        }
        return new Outcome(successes, null);
    }
}
