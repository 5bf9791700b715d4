package io.j8s.scheduler.plugins.selectorspread;

import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorSpreadTest {

    private final SelectorSpread plugin = new SelectorSpread();

    @Test
    void nodesWithFewerReplicasOfTheSameOwnerScoreHigher() {
        var scores = scores(plugin, replica("new", "rs1"),
                node("two").with(replica("a", "rs1"), replica("b", "rs1")),
                node("one").with(replica("c", "rs1")),
                node("none").with());

        // 100 * (max - count) / max with max 2.
        assertThat(scores).containsOnly(Map.entry("two", 0L), Map.entry("one", 50L), Map.entry("none", 100L));
    }

    @Test
    void otherOwnersOtherNamespacesAndDeletedPodsDoNotCount() {
        var pod = replica("new", "rs1");
        var node = node("n1").with(replica("a", "rs2"), pod("loose").build(),
                pod("elsewhere").namespace("other").ownedBy("rs1").build(),
                pod("leaving").ownedBy("rs1").deleting().build());

        assertThat(plugin.score(io.j8s.scheduler.plugins.Fixtures.cycle(node), pod, node)).isZero();
    }

    @Test
    void zonesWeighTwoThirds() {
        // Zone a holds one replica (on a1), zone b none.
        var scores = scores(plugin, replica("new", "rs1"),
                node("a1").label(SelectorSpread.ZONE_LABEL, "a").with(replica("x", "rs1")),
                node("a2").label(SelectorSpread.ZONE_LABEL, "a").with(),
                node("b1").label(SelectorSpread.ZONE_LABEL, "b").with());

        // a1: node 0, zone 0 -> 0. a2: node 100, zone 0 -> 100/3 = 33. b1: node 100, zone 100 -> 100.
        assertThat(scores).containsOnly(Map.entry("a1", 0L), Map.entry("a2", 33L), Map.entry("b1", 100L));
    }

    @Test
    void podWithoutControllerIsNotSpread() {
        var scores = scores(plugin, pod("loose").build(), node("n1").with(pod("x").build()), node("n2").with());

        assertThat(scores).containsOnly(Map.entry("n1", 0L), Map.entry("n2", 0L));
    }

    private static Pod replica(String name, String ownerUid) {
        return pod(name).label("app", "web").ownedBy(ownerUid).build();
    }
}
