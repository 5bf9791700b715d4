package io.j8s.scheduler;

import io.j8s.common.leader.LeaderElectionConfig;
import io.j8s.common.leader.LeaderElectionProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The scheduler's settings, with kube-scheduler's defaults: where the API server is, how replicas elect the one
 * that schedules, which pods are ours ({@code spec.schedulerName}), which plugins filter and score and how much
 * each score weighs, and the queue's back-off.
 *
 * @param bindParallelism          bindings in flight at once; the scheduling loop waits when that many are
 * @param parallelism              threads that filter and score nodes of one pod (kube-scheduler's
 *                                 {@code parallelism}, 16 there); default 1, the scheduling thread alone: on a
 *                                 2-core machine shared with the API server more threads only cost
 * @param percentageOfNodesToScore stop filtering once this share of the nodes is found feasible (at least 100
 *                                 nodes); 100 filters and scores every node, 0 picks kube-scheduler's adaptive share
 * @param podMaxInUnschedulable    how long a pod that fit nowhere waits for a cluster event before it is tried
 *                                 again anyway (kube-scheduler's unschedulable-pods flush)
 * @param assumedPodTtl            how long a pod this scheduler bound keeps counting on its node without the
 *                                 informer showing it bound
 */
@ConfigurationProperties("j8s.scheduler")
public record SchedulerProperties(
    String apiServerUrl,
    String identity,
    LeaderElectionProperties leaderElection,
    String schedulerName,
    Plugins plugins,
    Backoff backoff,
    int bindParallelism,
    int parallelism,
    Integer percentageOfNodesToScore,
    Duration podMaxInUnschedulable,
    Duration assumedPodTtl) {

    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    public SchedulerProperties {
        apiServerUrl = apiServerUrl == null || apiServerUrl.isBlank() ? "https://127.0.0.1:8080" : apiServerUrl;
        identity = identity == null || identity.isBlank() ? LeaderElectionConfig.defaultIdentity() : identity;
        leaderElection = leaderElection == null ? LeaderElectionProperties.defaults("kube-scheduler")
            : leaderElection.withDefaultLease("kube-scheduler");
        schedulerName = schedulerName == null || schedulerName.isBlank() ? DEFAULT_SCHEDULER_NAME : schedulerName;
        plugins = plugins == null ? new Plugins(null, null) : plugins;
        backoff = backoff == null ? new Backoff(null, null) : backoff;
        bindParallelism = bindParallelism <= 0 ? 64 : bindParallelism;
        parallelism = parallelism <= 0 ? 1 : parallelism;
        percentageOfNodesToScore = percentageOfNodesToScore == null ? 0 : percentageOfNodesToScore;
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("j8s.scheduler.percentage-of-nodes-to-score must be 0..100, not "
                + percentageOfNodesToScore);
        }
        podMaxInUnschedulable = podMaxInUnschedulable == null ? Duration.ofSeconds(60) : podMaxInUnschedulable;
        assumedPodTtl = assumedPodTtl == null ? Duration.ofSeconds(30) : assumedPodTtl;
    }

    /**
     * The enabled plugins by name. Filters run in the order listed and a node is out at the first that rejects
     * it, so that plugin's reasons are the ones the pod's message counts (kube-scheduler's order: cheap, common
     * rejections first). Score plugins are summed, each times its weight.
     */
    public record Plugins(List<String> filter, List<WeightedPlugin> score) {

        /** kube-scheduler's default filter order, with NodeReady (j8s' own) right after NodeUnschedulable. */
        public static final List<String> DEFAULT_FILTERS = List.of("NodeUnschedulable", "NodeReady", "NodeName",
            "TaintToleration", "NodeAffinity", "NodePorts", "NodeResourcesFit", "InterPodAffinity");

        /**
         * kube-scheduler's default weights: TaintToleration 3, NodeAffinity and InterPodAffinity 2 (user
         * preferences weigh double), NodeResourcesFit's least-allocated scoring and BalancedAllocation 1;
         * SelectorSpread 1, its weight while it was a default plugin (PodTopologySpread, which replaced it, has 2).
         */
        public static final List<WeightedPlugin> DEFAULT_SCORES = List.of(
            new WeightedPlugin("TaintToleration", 3),
            new WeightedPlugin("NodeAffinity", 2),
            new WeightedPlugin("InterPodAffinity", 2),
            new WeightedPlugin("NodeResourcesLeastAllocated", 1),
            new WeightedPlugin("NodeResourcesBalancedAllocation", 1),
            new WeightedPlugin("SelectorSpread", 1));

        public Plugins {
            filter = filter == null ? DEFAULT_FILTERS : List.copyOf(filter);
            score = score == null ? DEFAULT_SCORES : List.copyOf(score);
        }
    }

    /** A score plugin and what its 0..100 counts for in the sum; weight 0 is read as 1, as kube-scheduler does. */
    public record WeightedPlugin(String name, int weight) {

        public WeightedPlugin {
            weight = weight == 0 ? 1 : weight;
        }
    }

    /** Per-pod exponential back-off after a failed attempt: initial, doubling per attempt, capped at max. */
    public record Backoff(Duration initial, Duration max) {

        public Backoff {
            initial = initial == null ? Duration.ofSeconds(1) : initial;
            max = max == null ? Duration.ofSeconds(10) : max;
        }
    }
}
