package io.j8s.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SlowStartTest {

    @Test
    void batchesDoubleUpToWhatIsLeft() {
        assertThat(SlowStart.batchSizes(10, 1)).containsExactly(1, 2, 4, 3);
        assertThat(SlowStart.batchSizes(1, 1)).containsExactly(1);
        assertThat(SlowStart.batchSizes(0, 1)).isEmpty();
        assertThat(SlowStart.batchSizes(16, 1)).containsExactly(1, 2, 4, 8, 1);
    }

    @Test
    void allSucceed() {
        AtomicInteger calls = new AtomicInteger();
        SlowStart.Outcome outcome = SlowStart.run(7, 1, () -> Mono.fromRunnable(calls::incrementAndGet), Duration.ofSeconds(5));
        assertThat(outcome.successes()).isEqualTo(7);
        assertThat(outcome.firstError()).isNull();
        assertThat(calls).hasValue(7);
    }

    @Test
    void stopsAfterTheFirstBatchWithAFailure() {
        AtomicInteger calls = new AtomicInteger();
        // The 3rd call fails: it is in the batch of 2 (calls 2 and 3), so the batch of 4 never starts.
        SlowStart.Outcome outcome = SlowStart.run(10, 1, () -> Mono.defer(() -> calls.incrementAndGet() == 3
            ? Mono.error(new IllegalStateException("quota exceeded")) : Mono.empty()), Duration.ofSeconds(5));
        assertThat(calls).hasValue(3);
        assertThat(outcome.successes()).isEqualTo(2);
        assertThat(outcome.firstError()).hasMessage("quota exceeded");
    }
}
