package io.j8s.common.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TolerationTest {

    private final Taint gpu = Taint.of("gpu", "true", Taint.NO_SCHEDULE);

    @Test
    void equalNeedsSameKeyValueAndEffect() {
        assertThat(Toleration.of("gpu", "Equal", "true", Taint.NO_SCHEDULE).tolerates(gpu)).isTrue();
        assertThat(Toleration.of("gpu", null, "true", null).tolerates(gpu)).isTrue();
        assertThat(Toleration.of("gpu", "Equal", "false", Taint.NO_SCHEDULE).tolerates(gpu)).isFalse();
        assertThat(Toleration.of("gpu", "Equal", "true", Taint.NO_EXECUTE).tolerates(gpu)).isFalse();
    }

    @Test
    void existsIgnoresTheValueAndAnEmptyKeyToleratesEverything() {
        assertThat(Toleration.of("gpu", "Exists", null, null).tolerates(gpu)).isTrue();
        assertThat(Toleration.of(null, "Exists", null, null).tolerates(gpu)).isTrue();
        assertThat(Toleration.of("other", "Exists", null, null).tolerates(gpu)).isFalse();
    }

    @Test
    void missingValueEqualsEmptyValue() {
        assertThat(Toleration.of("k", "Equal", null, null).tolerates(Taint.of("k", "", Taint.NO_SCHEDULE))).isTrue();
    }
}
