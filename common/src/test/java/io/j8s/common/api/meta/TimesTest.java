package io.j8s.common.api.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void formatsSecondsAndMicrosecondsInUtc() {
        Instant t = Instant.parse("2024-05-01T12:00:00.123456789Z");

        assertThat(Times.format(t)).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(Times.formatMicro(t)).isEqualTo("2024-05-01T12:00:00.123456Z");
    }

    @Test
    void parsesBothFormsAndOffsets() {
        assertThat(Times.parse("2024-05-01T12:00:00Z")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(Times.parse("2024-05-01T12:00:00.5Z")).isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
        assertThat(Times.parse("2024-05-01T14:00:00+02:00")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(Times.parse(null)).isNull();
    }
}
