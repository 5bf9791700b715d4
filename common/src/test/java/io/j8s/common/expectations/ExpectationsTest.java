package io.j8s.common.expectations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    /** A clock the test moves by hand. */
    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final Expectations expectations = new Expectations(Expectations.DEFAULT_TTL, clock);

    @Test
    void aKeyWithNothingRecordedIsSatisfied() {
        assertThat(expectations.satisfied("default/web")).isTrue();
        expectations.creationObserved("default/web");
        assertThat(expectations.satisfied("default/web")).isTrue();
    }

    @Test
    void creationsMustAllBeObserved() {
        expectations.expectCreations("default/web", 3);
        assertThat(expectations.satisfied("default/web")).isFalse();

        expectations.creationObserved("default/web");
        expectations.creationObserved("default/web");
        assertThat(expectations.satisfied("default/web")).isFalse();
        assertThat(expectations.satisfied("default/other")).isTrue();

        expectations.creationObserved("default/web");
        assertThat(expectations.satisfied("default/web")).isTrue();
    }

    @Test
    void deletionsAndLoweringCountToo() {
        expectations.expectDeletions("rs", 2);
        expectations.deletionObserved("rs");
        assertThat(expectations.satisfied("rs")).isFalse();
        expectations.lowerExpectations("rs", 0, 1);
        assertThat(expectations.satisfied("rs")).isTrue();

        expectations.expectCreations("rs", 5);
        expectations.lowerExpectations("rs", 5, 0);
        assertThat(expectations.satisfied("rs")).isTrue();
    }

    @Test
    void aNewExpectationReplacesTheOldOne() {
        expectations.expectCreations("rs", 2);
        expectations.expectDeletions("rs", 1);
        expectations.deletionObserved("rs");
        assertThat(expectations.satisfied("rs")).as("the two creations were replaced").isTrue();
    }

    @Test
    void anUnmetExpectationExpiresAfterTheTtl() {
        expectations.expectCreations("rs", 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(expectations.satisfied("rs")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(expectations.satisfied("rs")).isTrue();

        expectations.expectCreations("rs", 1);
        assertThat(expectations.satisfied("rs")).as("re-recording restarts the ttl").isFalse();
    }

    @Test
    void deleteForgetsTheKey() {
        expectations.expectCreations("rs", 4);
        expectations.delete("rs");
        assertThat(expectations.satisfied("rs")).isTrue();
    }
}
