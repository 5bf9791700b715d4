package io.j8s.scheduler.plugins.interpodaffinity;

import static io.j8s.scheduler.plugins.Fixtures.node;
import static io.j8s.scheduler.plugins.Fixtures.pod;
import static io.j8s.scheduler.plugins.Fixtures.scores;
import static io.j8s.scheduler.plugins.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodAffinity;
import io.j8s.common.api.core.PodAffinityTerm;
import io.j8s.common.api.core.PodAntiAffinity;
import io.j8s.common.api.core.WeightedPodAffinityTerm;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.LabelSelectorRequirement;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.plugins.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterPodAffinityTest {

    private static final String HOST = "kubernetes.io/hostname";
    private static final String ZONE = "topology.kubernetes.io/zone";

    private final InterPodAffinity plugin = new InterPodAffinity();

    @Test
    void requiredAffinityNeedsAMatchingPodInTheNodesDomain() {
        Pod web = pod("web").label("app", "web").podAffinity(required(term(HOST, "app", "db"))).build();
        NodeInfo withDb = host("n1", "a").with(pod("db").label("app", "db").build());
        NodeInfo withoutDb = host("n2", "a").with(pod("cache").label("app", "cache").build());

        Map<String, FilterResult> results = filterAll(web, withDb, withoutDb);

        assertThat(results.get("n1").fits()).isTrue();
        assertThat(results.get("n2").fits()).isFalse();
        assertThat(results.get("n2").unresolvable()).isTrue();
        assertThat(results.get("n2").reasons()).containsExactly("node(s) didn't match pod affinity rules");
    }

    @Test
    void oneExistingPodMustMatchEveryAffinityTerm() {
        // As in Kubernetes, two pods each matching one of the terms do not satisfy both.
        Pod web = pod("web").podAffinity(required(term(HOST, "app", "db"), term(HOST, "tier", "data"))).build();

        Map<String, FilterResult> results = filterAll(web,
                host("split", "a").with(pod("db").label("app", "db").build(), pod("store").label("tier", "data").build()),
                host("both", "a").with(pod("db2").label("app", "db").label("tier", "data").build()));

        assertThat(fitting(results)).containsExactly("both");
    }

    @Test
    void zoneAffinityAcceptsEveryNodeOfTheZone() {
        Pod web = pod("web").podAffinity(required(term(ZONE, "app", "db"))).build();

        Map<String, FilterResult> results = filterAll(web,
                host("a1", "a").with(pod("db").label("app", "db").build()),
                host("a2", "a").with(),
                host("b1", "b").with(),
                node("nozone").label(HOST, "nozone").with());

        assertThat(fitting(results)).containsExactly("a1", "a2");
        assertThat(results.get("nozone").reasons()).containsExactly("node(s) didn't match pod affinity rules");
    }

    @Test
    void firstPodOfAGroupWithAffinityToItselfMayStartAnywhere() {
        Pod first = pod("web-0").label("app", "web").podAffinity(required(term(ZONE, "app", "web"))).build();
        Pod notSelf = pod("api-0").label("app", "api").podAffinity(required(term(ZONE, "app", "web"))).build();

        assertThat(fitting(filterAll(first, host("a1", "a").with(), host("b1", "b").with()))).containsExactly("a1", "b1");
        assertThat(fitting(filterAll(first, host("a1", "a").with(), node("nozone").with()))).containsExactly("a1");
        assertThat(fitting(filterAll(notSelf, host("a1", "a").with(), host("b1", "b").with()))).isEmpty();
    }

    @Test
    void antiAffinityKeepsThePodOutOfTheWholeZone() {
        Pod web = pod("web-1").label("app", "web").podAntiAffinity(antiRequired(term(ZONE, "app", "web"))).build();

        Map<String, FilterResult> results = filterAll(web,
                host("a1", "a").with(pod("web-0").label("app", "web").build()),
                host("a2", "a").with(),
                host("b1", "b").with(),
                node("nozone").with());

        assertThat(fitting(results)).containsExactly("b1", "nozone");
        assertThat(results.get("a2").reasons()).containsExactly("node(s) didn't match pod anti-affinity rules");
        assertThat(results.get("a2").unresolvable()).isFalse();
    }

    @Test
    void existingPodsAntiAffinityIsRespected() {
        Pod loner = pod("loner").label("app", "loner").podAntiAffinity(antiRequired(term(ZONE, "app", "web"))).build();
        Pod web = pod("web").label("app", "web").build();

        Map<String, FilterResult> results = filterAll(web,
                host("a1", "a").with(loner), host("a2", "a").with(), host("b1", "b").with());

        assertThat(fitting(results)).containsExactly("b1");
        assertThat(results.get("a2").reasons()).containsExactly("node(s) didn't satisfy existing pods anti-affinity rules");
    }

    @Test
    void termsLookInTheOwnNamespaceUnlessTheyNameOthers() {
        Pod dbElsewhere = pod("db").namespace("data").label("app", "db").build();
        Pod sameNamespaceOnly = pod("web").podAffinity(required(term(HOST, "app", "db"))).build();
        PodAffinityTerm inData = new PodAffinityTerm(LabelSelector.matching(Map.of("app", "db")), List.of("data"),
                HOST, null, null);
        Pod naming = pod("web").podAffinity(required(inData)).build();
        PodAffinityTerm allNamespaces = new PodAffinityTerm(LabelSelector.matching(Map.of("app", "db")), null, HOST,
                new LabelSelector(null, null, null), null);
        Pod everywhere = pod("web").podAffinity(required(allNamespaces)).build();
        PodAffinityTerm byName = new PodAffinityTerm(LabelSelector.matching(Map.of("app", "db")), null, HOST,
                new LabelSelector(null, List.of(LabelSelectorRequirement.of("kubernetes.io/metadata.name", "In", "data")),
                        null), null);
        Pod selecting = pod("web").podAffinity(required(byName)).build();

        assertThat(fitting(filterAll(sameNamespaceOnly, host("n1", "a").with(dbElsewhere), host("n2", "a").with())))
                .as("no db in default: nothing matches and web does not match its own term").isEmpty();
        assertThat(fitting(filterAll(naming, host("n1", "a").with(dbElsewhere), host("n2", "a").with())))
                .containsExactly("n1");
        assertThat(fitting(filterAll(everywhere, host("n1", "a").with(dbElsewhere), host("n2", "a").with())))
                .containsExactly("n1");
        assertThat(fitting(filterAll(selecting, host("n1", "a").with(dbElsewhere), host("n2", "a").with())))
                .containsExactly("n1");
    }

    @Test
    void invalidSelectorIsReportedInsteadOfIgnored() {
        PodAffinityTerm bad = new PodAffinityTerm(
                new LabelSelector(null, List.of(LabelSelectorRequirement.of("app", "Near", "db")), null),
                null, HOST, null, null);
        Pod pod = pod("web").podAffinity(required(bad)).build();

        FilterResult result = filterAll(pod, host("n1", "a").with()).get("n1");

        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).singleElement().asString().startsWith("invalid pod affinity: ");
    }

    @Test
    void podWithoutAffinityFitsWhereNoOneObjects() {
        assertThat(fitting(filterAll(pod("web").build(), host("n1", "a").with(pod("db").build())))).containsExactly("n1");
    }

    @Test
    void preferredAffinityAndAntiAffinityScorePerDomain() {
        Pod web = pod("web").label("app", "web")
                .podAffinity(new PodAffinity(null, List.of(new WeightedPodAffinityTerm(10, term(ZONE, "app", "db"), null)),
                        null))
                .podAntiAffinity(new PodAntiAffinity(null,
                        List.of(new WeightedPodAffinityTerm(5, term(HOST, "app", "web"), null)), null))
                .build();

        var scores = scores(plugin, web,
                host("a1", "a").with(pod("db").label("app", "db").build(), pod("web-0").label("app", "web").build()),
                host("a2", "a").with(),
                host("b1", "b").with());

        // Raw: a1 = +10 (zone a has db) - 5 (web on a1) = 5; a2 = 10; b1 = 0 -> min-max scaled over 0..10.
        assertThat(scores).containsOnly(Map.entry("a1", 50L), Map.entry("a2", 100L), Map.entry("b1", 0L));
    }

    @Test
    void existingPodsPreferencesAndRequiredAffinityScoreToo() {
        Pod web = pod("web").label("app", "web").build();
        Pod wantsWeb = pod("cache").podAffinity(new PodAffinity(List.of(term(HOST, "app", "web")),
                List.of(new WeightedPodAffinityTerm(3, term(HOST, "app", "web"), null)), null)).build();
        Pod avoidsWeb = pod("batch").podAntiAffinity(new PodAntiAffinity(null,
                List.of(new WeightedPodAffinityTerm(4, term(HOST, "app", "web"), null)), null)).build();

        var scores = scores(plugin, web, host("n1", "a").with(wantsWeb), host("n2", "a").with(), host("n3", "b").with(avoidsWeb));

        // n1: 3 (preferred) + 1 (required, hardPodAffinityWeight) = 4; n2: 0; n3: -4 -> scaled over -4..4.
        assertThat(scores).containsOnly(Map.entry("n1", 100L), Map.entry("n2", 50L), Map.entry("n3", 0L));
    }

    @Test
    void noAffinityAnywhereScoresZero() {
        var scores = scores(plugin, pod("web").build(), host("n1", "a").with(pod("x").build()), host("n2", "b").with());

        assertThat(scores).containsOnly(Map.entry("n1", 0L), Map.entry("n2", 0L));
    }

    private Map<String, FilterResult> filterAll(Pod pod, NodeInfo... nodes) {
        CycleState state = Fixtures.cycle(nodes);
        FilterResult pre = plugin.preFilter(state, pod);
        Map<String, FilterResult> results = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            results.put(node.name(), pre.fits() ? plugin.filter(state, pod, node) : pre);
        }
        return results;
    }

    private static List<String> fitting(Map<String, FilterResult> results) {
        return results.entrySet().stream().filter(e -> e.getValue().fits()).map(Map.Entry::getKey).toList();
    }

    private static Fixtures.NodeBuilder host(String name, String zone) {
        return node(name).label(HOST, name).label(ZONE, zone);
    }

    private static PodAffinity required(PodAffinityTerm... terms) {
        return new PodAffinity(List.of(terms), null, null);
    }

    private static PodAntiAffinity antiRequired(PodAffinityTerm... terms) {
        return new PodAntiAffinity(List.of(terms), null, null);
    }
}
