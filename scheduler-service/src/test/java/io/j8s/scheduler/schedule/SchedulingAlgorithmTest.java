package io.j8s.scheduler.schedule;

import static io.j8s.scheduler.TestObjects.bound;
import static io.j8s.scheduler.TestObjects.node;
import static io.j8s.scheduler.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.cache.SchedulerCache;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PodRequests;
import io.j8s.scheduler.framework.PreFilterPlugin;
import io.j8s.scheduler.framework.ScorePlugin;
import io.j8s.scheduler.registry.Profile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The scheduling algorithm with small plugins of its own, so it is tested apart from the real ones. */
class SchedulingAlgorithmTest {

    /** Rejects nodes without room for the pod's CPU, as "Insufficient cpu". */
    static final class CpuFit implements PreFilterPlugin, FilterPlugin {
        @Override
        public String name() {
            return "NodeResourcesFit";
        }

        @Override
        public FilterResult preFilter(CycleState state, Pod pod) {
            state.write("cpu", PodRequests.of(pod).milliCpu());
            return FilterResult.fit();
        }

        @Override
        public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
            long wanted = state.<Long>read("cpu");
            return node.allocatable().milliCpu() - node.requested().milliCpu() >= wanted
                ? FilterResult.fit() : FilterResult.unfit("Insufficient cpu");
        }
    }

    /** Rejects nodes whose name starts with "tainted". */
    static final class Taints implements FilterPlugin {
        @Override
        public String name() {
            return "TaintToleration";
        }

        @Override
        public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
            return node.name().startsWith("tainted")
                ? FilterResult.unresolvable("node(s) had untolerated taint {dedicated: gpu}") : FilterResult.fit();
        }
    }

    /** Rejects every pod outright when its name starts with "reject". */
    static final class RejectAll implements PreFilterPlugin, FilterPlugin {
        @Override
        public String name() {
            return "RejectAll";
        }

        @Override
        public FilterResult preFilter(CycleState state, Pod pod) {
            return pod.metadata().name().startsWith("reject") ? FilterResult.unfit("pod is rejected") : FilterResult.fit();
        }

        @Override
        public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
            return FilterResult.fit();
        }
    }

    /** Scores free CPU in cores (a raw count), normalized so the freest node gets 100. */
    static final class FreeCpu implements ScorePlugin {
        @Override
        public String name() {
            return "FreeCpu";
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            return (node.allocatable().milliCpu() - node.requested().milliCpu()) / 1000;
        }

        @Override
        public void normalize(CycleState state, Pod pod, Map<String, Long> scores) {
            long max = scores.values().stream().mapToLong(Long::longValue).max().orElse(0);
            scores.replaceAll((node, score) -> max == 0 ? 0 : score * MAX_NODE_SCORE / max);
        }
    }

    /** 100 for the node named in the pod's "prefer" label, 0 elsewhere. */
    static final class Prefer implements ScorePlugin {
        @Override
        public String name() {
            return "Prefer";
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            return node.name().equals(pod.metadata().labelsOrEmpty().get("prefer")) ? MAX_NODE_SCORE : 0;
        }
    }

    private final SchedulerCache cache = new SchedulerCache(Duration.ofSeconds(30));

    private SchedulingAlgorithm algorithm(List<FilterPlugin> filters, List<Profile.WeightedScore> scores) {
        List<PreFilterPlugin> preFilters = filters.stream().filter(PreFilterPlugin.class::isInstance)
            .map(PreFilterPlugin.class::cast).toList();
        return new SchedulingAlgorithm(new Profile(preFilters, filters, scores), 100, 1, new Random(1));
    }

    @Test
    void noNodesMeansNoNodesAvailable() {
        ScheduleResult result = algorithm(List.of(new CpuFit()), List.of()).schedule(pod("a", "1"), cache.snapshot());
        assertThat(result).isEqualTo(FitError.noNodes());
    }

    @Test
    void eachRejectedNodeGivesTheReasonsOfTheFirstFilterThatRejectsIt() {
        cache.addNode(node("small-1", "1", 110));
        cache.addNode(node("small-2", "1", 110));
        cache.addNode(node("tainted", "1", 110)); // too small as well, but the taint is found first
        SchedulingAlgorithm algorithm = algorithm(List.of(new Taints(), new CpuFit()), List.of());

        ScheduleResult result = algorithm.schedule(pod("big", "2"), cache.snapshot());

        assertThat(result).isInstanceOf(FitError.class);
        FitError error = (FitError) result;
        assertThat(error.message()).isEqualTo(
            "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.");
        assertThat(error.rejectedBy()).containsExactlyInAnyOrder("TaintToleration", "NodeResourcesFit");
    }

    @Test
    void aPreFilterRejectionRejectsEveryNodeAtOnce() {
        cache.addNode(node("n1", "4", 110));
        cache.addNode(node("n2", "4", 110));
        ScheduleResult result = algorithm(List.of(new RejectAll()), List.of())
            .schedule(pod("reject-me", "1"), cache.snapshot());

        assertThat(((FitError) result).message()).isEqualTo("0/2 nodes are available: pod is rejected.");
        assertThat(((FitError) result).rejectedBy()).containsExactly("RejectAll");
    }

    @Test
    void thePodGoesToTheNodeWithRoom() {
        cache.addNode(node("small", "1", 110));
        cache.addNode(node("large", "8", 110));
        ScheduleResult result = algorithm(List.of(new CpuFit()), List.of()).schedule(pod("big", "4"), cache.snapshot());

        assertThat(result).isEqualTo(new ScheduleResult.Scheduled("large", 2, 1));
    }

    @Test
    void scoresAreNormalizedWeightedAndSummed() {
        cache.addNode(node("free", "8", 110));
        cache.addNode(node("preferred", "4", 110));
        Pod pod = pod("a", "1");
        Pod prefersSecond = pod.withMetadata(pod.metadata().withLabels(Map.of("prefer", "preferred")));

        // FreeCpu: free 100, preferred 50. Prefer: preferred 100.
        SchedulingAlgorithm equal = algorithm(List.of(new CpuFit()), List.of(
            new Profile.WeightedScore(new FreeCpu(), 1), new Profile.WeightedScore(new Prefer(), 1)));
        assertThat(chosen(equal.schedule(prefersSecond, cache.snapshot()))).isEqualTo("preferred"); // 100 vs 150

        SchedulingAlgorithm cpuHeavy = algorithm(List.of(new CpuFit()), List.of(
            new Profile.WeightedScore(new FreeCpu(), 3), new Profile.WeightedScore(new Prefer(), 1)));
        assertThat(chosen(cpuHeavy.schedule(prefersSecond, cache.snapshot()))).isEqualTo("free"); // 300 vs 250
    }

    @Test
    void tiesAreBrokenAtRandom() {
        for (int i = 0; i < 4; i++) {
            cache.addNode(node("n" + i, "4", 110));
        }
        SchedulingAlgorithm algorithm = algorithm(List.of(new CpuFit()),
            List.of(new Profile.WeightedScore(new FreeCpu(), 1)));
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            picked.add(chosen(algorithm.schedule(pod("p" + i, "1"), cache.snapshot())));
        }
        assertThat(picked).containsExactlyInAnyOrder("n0", "n1", "n2", "n3");
    }

    @Test
    void assumedPodsFillANode() {
        cache.addNode(node("n1", "2", 110));
        cache.addNode(node("n2", "1", 110));
        SchedulingAlgorithm algorithm = algorithm(List.of(new CpuFit()), List.of());
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Pod pod = pod("p" + i, "1");
            ScheduleResult result = algorithm.schedule(pod, cache.snapshot());
            if (result instanceof ScheduleResult.Scheduled scheduled) {
                cache.assume(bound(pod, scheduled.node()));
                placed.add(scheduled.node());
            } else {
                placed.add(((FitError) result).message());
            }
        }
        assertThat(placed).hasSize(4);
        assertThat(placed.subList(0, 3)).containsExactlyInAnyOrder("n1", "n1", "n2");
        assertThat(placed.get(3)).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");
    }

    @Test
    void manyNodesAreFilteredInParallelWithTheSameResult() {
        for (int i = 0; i < 1000; i++) {
            cache.addNode(node("n" + i, i % 10 == 0 ? "4" : "1", 110));
        }
        Map<String, Boolean> threads = new ConcurrentHashMap<>();
        FilterPlugin recordingFit = new FilterPlugin() {
            private final CpuFit fit = new CpuFit();

            @Override
            public String name() {
                return "NodeResourcesFit";
            }

            @Override
            public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
                threads.put(Thread.currentThread().getName(), true);
                state.readOrCompute("cpu", () -> PodRequests.of(pod).milliCpu());
                return fit.filter(state, pod, node);
            }
        };
        try (SchedulingAlgorithm parallel = new SchedulingAlgorithm(
            new Profile(List.of(), List.of(recordingFit), List.of()), 100, 4, new Random(1))) {
            ScheduleResult result = parallel.schedule(pod("big", "2"), cache.snapshot());
            assertThat(result).isInstanceOf(ScheduleResult.Scheduled.class);
            assertThat(((ScheduleResult.Scheduled) result).feasibleNodes()).isEqualTo(100);
            assertThat(((ScheduleResult.Scheduled) result).evaluatedNodes()).isEqualTo(1000);
            assertThat(chosen(result)).endsWith("0");

            FitError error = (FitError) parallel.schedule(pod("huge", "8"), cache.snapshot());
            assertThat(error.message()).isEqualTo("0/1000 nodes are available: 1000 Insufficient cpu.");
        }
        assertThat(threads.size()).isGreaterThan(1);
    }

    @Test
    void aShareOfNodesIsEnoughAndTheNextPodStartsWhereTheLastStopped() {
        for (int i = 0; i < 400; i++) {
            cache.addNode(node(String.format("n%03d", i), "4", 110));
        }
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(
            new Profile(List.of(), List.of(new Taints()), List.of()), 50, 1, new Random(1));
        assertThat(algorithm.numFeasibleNodesToFind(400)).isEqualTo(200);
        assertThat(algorithm.numFeasibleNodesToFind(99)).isEqualTo(99);

        ScheduleResult first = algorithm.schedule(pod("a", "1"), cache.snapshot());
        ScheduleResult second = algorithm.schedule(pod("b", "1"), cache.snapshot());
        assertThat(((ScheduleResult.Scheduled) first).evaluatedNodes()).isEqualTo(200);
        assertThat(chosen(first)).isLessThan("n200");
        assertThat(chosen(second)).isGreaterThanOrEqualTo("n200");

        SchedulingAlgorithm adaptive = new SchedulingAlgorithm(
            new Profile(List.of(), List.of(), List.of()), 0, 1, new Random(1));
        assertThat(adaptive.numFeasibleNodesToFind(1000)).isEqualTo(420); // 50 - 1000/125 = 42 %
        assertThat(adaptive.numFeasibleNodesToFind(5000)).isEqualTo(500); // 10 %
    }

    @Test
    void aFailingPluginFailsTheCycle() {
        cache.addNode(node("n1", "4", 110));
        FilterPlugin broken = new FilterPlugin() {
            @Override
            public String name() {
                return "Broken";
            }

            @Override
            public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
                throw new IllegalStateException("boom");
            }
        };
        assertThatThrownBy(() -> algorithm(List.of(broken), List.of()).schedule(pod("a", "1"), cache.snapshot()))
            .hasMessage("boom");
    }

    private static String chosen(ScheduleResult result) {
        assertThat(result).isInstanceOf(ScheduleResult.Scheduled.class);
        return ((ScheduleResult.Scheduled) result).node();
    }
}
