package io.j8s.scheduler.plugins.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizeScoreTest {

    @Test
    void scalesSoTheHighestIs100() {
        Map<String, Long> scores = new HashMap<>(Map.of("a", 3L, "b", 6L, "c", 0L));

        NormalizeScore.defaultNormalize(scores, false);

        assertThat(scores).containsExactlyInAnyOrderEntriesOf(Map.of("a", 50L, "b", 100L, "c", 0L));
    }

    @Test
    void reversedMakesFewerBetter() {
        Map<String, Long> scores = new HashMap<>(Map.of("a", 1L, "b", 3L, "c", 0L));

        NormalizeScore.defaultNormalize(scores, true);

        assertThat(scores).containsExactlyInAnyOrderEntriesOf(Map.of("a", 67L, "b", 0L, "c", 100L));
    }

    @Test
    void allZeroStayZeroOrAllBestWhenReversed() {
        Map<String, Long> plain = new HashMap<>(Map.of("a", 0L, "b", 0L));
        Map<String, Long> reversed = new HashMap<>(Map.of("a", 0L, "b", 0L));

        NormalizeScore.defaultNormalize(plain, false);
        NormalizeScore.defaultNormalize(reversed, true);

        assertThat(plain).containsOnly(Map.entry("a", 0L), Map.entry("b", 0L));
        assertThat(reversed).containsOnly(Map.entry("a", 100L), Map.entry("b", 100L));
    }
}
