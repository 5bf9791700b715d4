package io.j8s.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);

    @Test
    void theFirstFailureIsRetriedAtOnceThenTheWaitDoublesUpToFiveMinutes() {
        assertThat(backoff.remaining("c", now)).isEmpty();
        assertThat(backoff.next("c", now)).isEqualTo(Duration.ofSeconds(10));

        now = now.plusSeconds(2); // crashed again 2 s after the restart
        assertThat(backoff.remaining("c", now)).contains(Duration.ofSeconds(10));
        now = now.plusSeconds(4);
        assertThat(backoff.remaining("c", now.minusSeconds(4))).contains(Duration.ofSeconds(6));
        now = now.plusSeconds(6);
        assertThat(backoff.remaining("c", now.minusSeconds(10))).isEmpty();

        Duration last = Duration.ZERO;
        for (int i = 0; i < 10; i++) {
            last = backoff.next("c", now);
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aKeyQuietForTwiceTheMaximumStartsOver() {
        backoff.next("c", now);
        backoff.next("c", now);
        assertThat(backoff.current("c")).isEqualTo(Duration.ofSeconds(20));

        now = now.plus(Duration.ofMinutes(11));
        assertThat(backoff.remaining("c", now)).isEmpty();
        assertThat(backoff.next("c", now)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void forgettingAPodForgetsItsContainers() {
        backoff.next("uid-1/a", now);
        backoff.next("uid-2/a", now);

        backoff.forgetPrefix("uid-1/");

        assertThat(backoff.current("uid-1/a")).isZero();
        assertThat(backoff.current("uid-2/a")).isEqualTo(Duration.ofSeconds(10));
    }
}
