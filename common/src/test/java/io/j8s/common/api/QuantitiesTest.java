package io.j8s.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
            "500m, 500",
            "0.5, 500",
            "2, 2000",
            "1.5, 1500",
            "100u, 1",
            "1e-3, 1",
    })
    void cpuInMillicores(String quantity, long millis) {
        assertThat(Quantities.milliValue(quantity)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({
            "128Mi, 134217728",
            "1Gi, 1073741824",
            "1Ki, 1024",
            "1k, 1000",
            "1M, 1000000",
            "2G, 2000000000",
            "1e3, 1000",
            "1E6, 1000000",
            "110, 110",
            "100m, 1",
            "1.5Gi, 1610612736",
    })
    void memoryAndCountsInUnits(String quantity, long units) {
        assertThat(Quantities.value(quantity)).isEqualTo(units);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1Mb", "1.2.3", "Mi", "1 Gi x"})
    void nonQuantitiesAreRejected(String quantity) {
        assertThatThrownBy(() -> Quantities.parse(quantity)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantities must match");
    }
}
