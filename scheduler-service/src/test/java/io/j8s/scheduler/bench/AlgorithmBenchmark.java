package io.j8s.scheduler.bench;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.json.Json;
import io.j8s.scheduler.SchedulerProperties;
import io.j8s.scheduler.cache.SchedulerCache;
import io.j8s.scheduler.registry.PluginRegistry;
import io.j8s.scheduler.schedule.ScheduleResult;
import io.j8s.scheduler.schedule.SchedulingAlgorithm;
import java.time.Duration;
import java.util.Random;

/**
 * The cost of one scheduling cycle alone, in process (no API server, no network): the default plugins over 1000
 * nodes, placing 5000 pods one after the other as the scheduling thread does (snapshot, filter, score, assume).
 * What {@link SchedulerBenchmark} measures end to end, minus everything but the algorithm; run it with
 * {@code benchmarks/scheduler.sh --in-process}.
 */
public final class AlgorithmBenchmark {

    private AlgorithmBenchmark() {
    }

    public static void main(String[] args) {
        int nodes = intArg(args, "--nodes", 1000);
        int pods = intArg(args, "--pods", 5000);
        SchedulerProperties defaults = new SchedulerProperties(null, null, null, null, null, null, 0, 0, null, null,
            null);
        for (int round = 1; round <= 3; round++) {
            SchedulerCache cache = new SchedulerCache(Duration.ofMinutes(5));
            for (int i = 1; i <= nodes; i++) {
                cache.addNode(node(String.format("node-%04d", i)));
            }
            SchedulingAlgorithm algorithm = new SchedulingAlgorithm(
                PluginRegistry.inTree().profile(defaults.plugins()), defaults.percentageOfNodesToScore(), 1,
                new Random(round));
            long start = System.nanoTime();
            for (int i = 0; i < pods; i++) {
                Pod pod = pod(String.format("pod-%05d", i));
                ScheduleResult result = algorithm.schedule(pod, cache.snapshot());
                if (!(result instanceof ScheduleResult.Scheduled scheduled)) {
                    throw new IllegalStateException("pod " + i + " did not fit: " + result);
                }
                cache.assume(pod.withSpec(pod.spec().withNodeName(scheduled.node())));
            }
            double micros = (System.nanoTime() - start) / 1e3 / pods;
            System.out.printf("round %d: %d pods on %d nodes, %.0f us per scheduling cycle (%.0f pods/s on one "
                + "thread)%n", round, pods, nodes, micros, 1e6 / micros);
            algorithm.close();
        }
    }

    private static Node node(String name) {
        return Json.read("""
            {"metadata":{"name":"%s","resourceVersion":"1","labels":{"kubernetes.io/hostname":"%s",
             "kubernetes.io/os":"linux"}},
             "status":{"allocatable":{"cpu":"32","memory":"128Gi","pods":"110"},
                       "conditions":[{"type":"Ready","status":"True"}]}}
            """.formatted(name, name), Node.class);
    }

    private static Pod pod(String name) {
        return Json.read("""
            {"metadata":{"name":"%s","namespace":"bench","uid":"uid-%s","resourceVersion":"1",
                         "labels":{"app":"bench"}},
             "spec":{"schedulerName":"default-scheduler","priority":0,
                     "containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"100m",
                                    "memory":"128Mi"}}}]},
             "status":{"phase":"Pending"}}
            """.formatted(name, name), Pod.class);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
