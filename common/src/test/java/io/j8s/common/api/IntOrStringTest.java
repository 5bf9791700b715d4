package io.j8s.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntOrStringTest {

    @Test
    void percentagesScaleAgainstTheTotalRoundingAsAsked() {
        assertThat(IntOrString.of("25%").scaledValue(10, true)).isEqualTo(3);
        assertThat(IntOrString.of("25%").scaledValue(10, false)).isEqualTo(2);
        assertThat(IntOrString.of("100%").scaledValue(7, false)).isEqualTo(7);
    }

    @Test
    void integersAreAbsolute() {
        assertThat(IntOrString.of(2).scaledValue(10, true)).isEqualTo(2);
    }

    @Test
    void aStringThatIsNotAPercentageCannotBeScaled() {
        assertThatThrownBy(() -> IntOrString.of("http").scaledValue(10, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
