package io.j8s.common.api.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.PodCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Test
    void sameStatusKeepsTheOriginalTransitionTime() {
        List<PodCondition> before = Conditions.set(null,
                PodCondition.of(PodCondition.READY, Condition.TRUE, null, null), "2024-01-01T00:00:00Z");

        List<PodCondition> after = Conditions.set(before,
                PodCondition.of(PodCondition.READY, Condition.TRUE, "StillReady", null), "2024-01-02T00:00:00Z");

        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.lastTransitionTime()).isEqualTo("2024-01-01T00:00:00Z");
            assertThat(c.reason()).isEqualTo("StillReady");
        });
    }

    @Test
    void changedStatusMovesTheTransitionTimeAndOtherTypesStay() {
        List<PodCondition> before = List.of(
                new PodCondition(PodCondition.POD_SCHEDULED, Condition.TRUE, null, "t0", null, null, null),
                new PodCondition(PodCondition.READY, Condition.TRUE, null, "t0", null, null, null));

        List<PodCondition> after = Conditions.set(before,
                PodCondition.of(PodCondition.READY, Condition.FALSE, "ContainersNotReady", null), "t1");

        assertThat(after).extracting(PodCondition::type, PodCondition::lastTransitionTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PodCondition.POD_SCHEDULED, "t0"),
                org.assertj.core.groups.Tuple.tuple(PodCondition.READY, "t1"));
        assertThat(Conditions.isTrue(after, PodCondition.READY)).isFalse();
        assertThat(Conditions.isTrue(after, PodCondition.POD_SCHEDULED)).isTrue();
    }
}
