package io.j8s.apiserver.registry.validation;

import static io.j8s.apiserver.registry.TestJson.json;
import static io.j8s.apiserver.registry.TestJson.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void parsesEveryKubernetesNotation() {
        assertThat(Quantity.parse("100m")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.1"));
        assertThat(Quantity.parse("1Gi")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1073741824"));
        assertThat(Quantity.parse("0.5")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
        assertThat(Quantity.parse("1e3")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1000"));
        assertThat(Quantity.parse("1E")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1e18"));
        assertThat(Quantity.parse("128Mi")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("134217728"));
        assertThat(Quantity.parse("2k")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2000"));
        assertThat(Quantity.parse(".5")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
        assertThat(Quantity.parse("-1")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-1"));
    }

    @Test
    void rejectsWhatKubernetesRejects() {
        for (String bad : List.of("", "abc", "1GB", "1gi", "1.2.3", "m", "1 Gi", "1e", "Gi1")) {
            assertThat(Quantity.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void readReportsTheKubernetesMessageAtThePath() {
        List<FieldError> errs = new ArrayList<>();
        BigDecimal value = Quantity.read(json("{'cpu':'lots'}").get("cpu"), "spec.containers[0].resources.limits[cpu]", errs);
        assertThat(value).isNull();
        assertThat(lines(errs)).containsExactly("spec.containers[0].resources.limits[cpu]: Invalid value: \"lots\": "
            + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void readAcceptsJsonNumbers() {
        List<FieldError> errs = new ArrayList<>();
        assertThat(Quantity.read(json("{'cpu':2}").get("cpu"), "x", errs)).isEqualByComparingTo("2");
        assertThat(Quantity.read(json("{'cpu':0.25}").get("cpu"), "x", errs)).isEqualByComparingTo("0.25");
        assertThat(errs).isEmpty();
    }
}
