package io.j8s.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Taint;
import io.j8s.common.api.core.Toleration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintTolerationsTest {

    private static final Taint UNREACHABLE = Taint.of(NodeTaints.UNREACHABLE, null, Taint.NO_EXECUTE);
    private static final Taint DEDICATED = Taint.of("dedicated", "gpu", Taint.NO_EXECUTE);

    @Test
    void aPodWithoutTolerationsGetsThePodEvictionTimeoutForUnreachableAndNotReady() {
        List<Toleration> tolerations = TaintTolerations.withDefaults(null, 300);

        assertThat(tolerations).extracting(Toleration::key)
            .containsExactly(NodeTaints.NOT_READY, NodeTaints.UNREACHABLE);
        assertThat(tolerations).allSatisfy(t -> {
            assertThat(t.operator()).isEqualTo("Exists");
            assertThat(t.effect()).isEqualTo(Taint.NO_EXECUTE);
            assertThat(t.tolerationSeconds()).isEqualTo(300L);
        });
        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE), tolerations))
            .contains(Duration.ofSeconds(300));
    }

    @Test
    void aPodsOwnTolerationOfTheTaintWinsOverTheDefault() {
        Toleration own = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, 7L, null);

        List<Toleration> tolerations = TaintTolerations.withDefaults(List.of(own), 300);

        assertThat(tolerations).extracting(Toleration::key).containsExactly(NodeTaints.UNREACHABLE, NodeTaints.NOT_READY);
        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE), tolerations)).contains(Duration.ofSeconds(7));
    }

    @Test
    void aTolerationOfEverythingForeverNeverEvicts() {
        Toleration everything = Toleration.of(null, "Exists", null, null);

        List<Toleration> tolerations = TaintTolerations.withDefaults(List.of(everything), 300);

        assertThat(tolerations).containsExactly(everything);
        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE, DEDICATED), tolerations)).isEmpty();
    }

    @Test
    void anUntoleratedTaintEvictsAtOnce() {
        List<Toleration> tolerations = TaintTolerations.withDefaults(null, 300);

        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE, DEDICATED), tolerations))
            .contains(Duration.ZERO);
    }

    @Test
    void theShortestTolerationOfTheTaintsPresentCounts() {
        Toleration gpu = new Toleration("dedicated", "Equal", "gpu", Taint.NO_EXECUTE, 60L, null);
        List<Toleration> tolerations = TaintTolerations.withDefaults(List.of(gpu), 300);

        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE, DEDICATED), tolerations))
            .contains(Duration.ofSeconds(60));
        assertThat(TaintTolerations.evictionDelay(List.of(DEDICATED), tolerations)).contains(Duration.ofSeconds(60));
    }

    @Test
    void zeroOrNegativeTolerationSecondsEvictAtOnceAndNoTaintsNever() {
        Toleration zero = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, 0L, null);

        assertThat(TaintTolerations.evictionDelay(List.of(UNREACHABLE), List.of(zero))).contains(Duration.ZERO);
        assertThat(TaintTolerations.evictionDelay(List.of(), List.of(zero))).isEmpty();
    }
}
