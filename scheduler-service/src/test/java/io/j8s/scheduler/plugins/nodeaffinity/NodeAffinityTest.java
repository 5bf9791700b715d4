package io.j8s.scheduler.plugins.nodeaffinity;

import static io.j8s.scheduler.plugins.Fixtures.filter;
import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.NodeSelector;
import io.j8s.common.api.core.NodeSelectorRequirement;
import io.j8s.common.api.core.NodeSelectorTerm;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PreferredSchedulingTerm;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAffinityTest {

    private static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private final NodeAffinity plugin = new NodeAffinity();

    @Test
    void nodeSelectorNeedsEveryLabel() {
        var pod = pod("web").nodeSelector(Map.of("disk", "ssd", "zone", "a")).build();

        assertThat(fits(pod, node("n1").label("disk", "ssd").label("zone", "a").label("x", "y").with())).isTrue();
        FilterResult partial = filter(plugin, pod, node("n2").label("disk", "ssd").with());
        assertThat(partial.fits()).isFalse();
        assertThat(partial.unresolvable()).isTrue();
        assertThat(partial.reasons()).containsExactly(REASON);
    }

    @Test
    void operatorsInNotInExistsDoesNotExist() {
        NodeInfo ssd = node("n1").label("disk", "ssd").with();
        NodeInfo hdd = node("n2").label("disk", "hdd").with();
        NodeInfo none = node("n3").with();

        Pod in = required(term(expr("disk", "In", "ssd", "nvme")));
        assertThat(List.of(fits(in, ssd), fits(in, hdd), fits(in, none))).containsExactly(true, false, false);

        Pod notIn = required(term(expr("disk", "NotIn", "ssd")));
        assertThat(List.of(fits(notIn, ssd), fits(notIn, hdd), fits(notIn, none))).containsExactly(false, true, true);

        Pod exists = required(term(expr("disk", "Exists")));
        assertThat(List.of(fits(exists, ssd), fits(exists, hdd), fits(exists, none))).containsExactly(true, true, false);

        Pod doesNotExist = required(term(expr("disk", "DoesNotExist")));
        assertThat(List.of(fits(doesNotExist, ssd), fits(doesNotExist, none))).containsExactly(false, true);
    }

    @Test
    void gtAndLtCompareIntegers() {
        NodeInfo sixteen = node("n1").label("cores", "16").with();
        NodeInfo eight = node("n2").label("cores", "8").with();
        NodeInfo notANumber = node("n3").label("cores", "many").with();

        Pod moreThan10 = required(term(expr("cores", "Gt", "10")));
        assertThat(List.of(fits(moreThan10, sixteen), fits(moreThan10, eight), fits(moreThan10, notANumber)))
                .containsExactly(true, false, false);

        // As integers, not strings: "8" < "10" although "8" > "10" alphabetically.
        Pod lessThan10 = required(term(expr("cores", "Lt", "10")));
        assertThat(List.of(fits(lessThan10, sixteen), fits(lessThan10, eight), fits(lessThan10, notANumber)))
                .containsExactly(false, true, false);

        Pod invalid = required(term(expr("cores", "Gt", "ten")));
        assertThat(fits(invalid, sixteen)).isFalse();
    }

    @Test
    void termsAreOredAndExpressionsAnded() {
        Pod pod = required(
                term(expr("disk", "In", "ssd"), expr("zone", "In", "a")),
                term(expr("gpu", "Exists")));

        assertThat(fits(pod, node("n1").label("disk", "ssd").label("zone", "a").with())).isTrue();
        assertThat(fits(pod, node("n2").label("disk", "ssd").label("zone", "b").with())).isFalse();
        assertThat(fits(pod, node("n3").label("gpu", "t4").with())).isTrue();
    }

    @Test
    void emptyOrInvalidTermMatchesNothingButOtherTermsStillCount() {
        assertThat(fits(required(new NodeSelectorTerm(List.of(), List.of(), null)), node("n1").with())).isFalse();
        Pod oneBad = required(term(expr("disk", "Bogus", "x")), term(expr("disk", "Exists")));
        assertThat(fits(oneBad, node("n1").label("disk", "ssd").with())).isTrue();
    }

    @Test
    void matchFieldsSelectsByNodeName() {
        Pod pod = required(new NodeSelectorTerm(null, List.of(expr("metadata.name", "In", "n2")), null));
        Pod notThere = required(new NodeSelectorTerm(null, List.of(expr("metadata.name", "NotIn", "n2")), null));

        assertThat(fits(pod, node("n2").with())).isTrue();
        assertThat(fits(pod, node("n1").with())).isFalse();
        assertThat(fits(notThere, node("n1").with())).isTrue();
        assertThat(fits(notThere, node("n2").with())).isFalse();
    }

    @Test
    void nodeSelectorAndRequiredAffinityMustBothHold() {
        Pod pod = pod("web").nodeSelector(Map.of("disk", "ssd"))
                .nodeAffinity(new io.j8s.common.api.core.NodeAffinity(
                        new NodeSelector(List.of(term(expr("zone", "In", "a"))), null), null, null))
                .build();

        assertThat(fits(pod, node("n1").label("disk", "ssd").label("zone", "a").with())).isTrue();
        assertThat(fits(pod, node("n2").label("disk", "ssd").label("zone", "b").with())).isFalse();
        assertThat(fits(pod, node("n3").label("disk", "hdd").label("zone", "a").with())).isFalse();
    }

    @Test
    void podWithoutConstraintsFitsAnywhere() {
        assertThat(fits(pod("web").build(), node("n1").with())).isTrue();
    }

    @Test
    void scoreSumsMatchingPreferredWeightsScaledTo100() {
        Pod pod = pod("web").nodeAffinity(new io.j8s.common.api.core.NodeAffinity(null, List.of(
                new PreferredSchedulingTerm(2, term(expr("disk", "In", "ssd")), null),
                new PreferredSchedulingTerm(8, term(expr("zone", "In", "a")), null)), null)).build();

        var scores = scores(plugin, pod,
                node("both").label("disk", "ssd").label("zone", "a").with(),
                node("disk").label("disk", "ssd").with(),
                node("zone").label("zone", "a").with(),
                node("none").with());

        // Raw 10, 2, 8, 0 -> scaled by 100 / 10.
        assertThat(scores).containsOnly(Map.entry("both", 100L), Map.entry("disk", 20L), Map.entry("zone", 80L),
                Map.entry("none", 0L));
    }

    @Test
    void noPreferencesScoresZeroEverywhere() {
        assertThat(scores(plugin, pod("web").build(), node("n1").with(), node("n2").label("a", "b").with()))
                .containsOnly(Map.entry("n1", 0L), Map.entry("n2", 0L));
    }

    private boolean fits(Pod pod, NodeInfo node) {
        return filter(plugin, pod, node).fits();
    }

    private static Pod required(NodeSelectorTerm... terms) {
        return pod("web").nodeAffinity(new io.j8s.common.api.core.NodeAffinity(
                new NodeSelector(List.of(terms), null), null, null)).build();
    }

    private static NodeSelectorTerm term(NodeSelectorRequirement... requirements) {
        return new NodeSelectorTerm(List.of(requirements), null, null);
    }

    private static NodeSelectorRequirement expr(String key, String operator, String... values) {
        return new NodeSelectorRequirement(key, operator, values.length == 0 ? null : List.of(values), null);
    }
}
