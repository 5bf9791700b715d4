package io.j8s.scheduler.bench;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scheduler throughput, end to end through the API server and etcd: 1000 Ready nodes (their Leases renewed
 * every 10 s, as node agents would) and 5000 pending pods with requests. Measures pods bound per second and
 * the time from each pod's creation to the moment a watch sees it bound, first for a trivial round-robin binder
 * (the baseline: what the API server and etcd allow with no scheduling work at all), then for the real
 * scheduler, and prints both and their ratio. Run it with {@code benchmarks/scheduler.sh}.
 */
public final class SchedulerBenchmark {

    private static final String NAMESPACE = "bench";
    private static final int CONCURRENCY = 64;

    private final ApiClient client;
    private final List<String> nodes = new ArrayList<>();

    private SchedulerBenchmark(ApiClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int nodeCount = intArg(args, "--nodes", 1000);
        int podCount = intArg(args, "--pods", 5000);
        System.out.printf("j8s scheduler benchmark: %d nodes, %d pods (2 cores, API server + etcd on this machine)%n",
            nodeCount, podCount);
        try (ApiServerProcess api = ApiServerProcess.start()) {
            SchedulerBenchmark bench = new SchedulerBenchmark(new ApiClient(api.url()));
            bench.createCluster(nodeCount);
            Disposable heartbeats = bench.renewLeases();
            try {
                Result baseline = bench.measure("trivial round-robin binder", podCount, "trivial-binder", true);
                bench.deleteAllPods();
                Result scheduler;
                try (ServiceProcess process = ServiceProcess.start("scheduler-service",
                    "--j8s.scheduler.api-server-url=" + api.url(),
                    "--j8s.scheduler.leader-election.enabled=false")) {
                    scheduler = bench.measure("j8s scheduler", podCount, null, false);
                }
                System.out.println();
                System.out.printf("%-28s %10s %10s %10s%n", "", "pods/s", "p50 ms", "p99 ms");
                baseline.print();
                scheduler.print();
                System.out.printf("%nscheduler / baseline throughput: %.2f  (target: at least 300 pods/s)%n",
                    scheduler.throughput() / baseline.throughput());
            } finally {
                heartbeats.dispose();
            }
        }
    }

    private record Result(String name, double throughput, long p50Millis, long p99Millis) {
        void print() {
            System.out.printf("%-28s %10.0f %10d %10d%n", name, throughput, p50Millis, p99Millis);
        }
    }

    private void createCluster(int count) {
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(NAMESPACE), null)).block(Duration.ofSeconds(30));
        Instant start = Instant.now();
        for (int i = 1; i <= count; i++) {
            nodes.add(String.format("bench-node-%04d", i));
        }
        Flux.fromIterable(nodes)
            .flatMap(name -> client.create(Resources.NODES, node(name))
                .then(client.create(Resources.LEASES, lease(name))), CONCURRENCY)
            .blockLast(Duration.ofMinutes(5));
        System.out.printf("created %d Ready nodes and their Leases in %d ms%n", count,
            Duration.between(start, Instant.now()).toMillis());
    }

    /** Node agents renew their Lease every 10 s; so does this, spread over the interval. */
    private Disposable renewLeases() {
        // A round that takes longer than the interval skips the next tick instead of overflowing.
        return Flux.interval(Duration.ofSeconds(10))
            .onBackpressureDrop()
            .concatMap(tick -> Flux.fromIterable(nodes)
                .flatMap(name -> client.patch(Resources.LEASES, "kube-node-lease", name, PatchType.MERGE,
                        "{\"spec\":{\"renewTime\":\"" + microNow() + "\"}}").onErrorResume(e -> Mono.empty()), 8)
                .then())
            .subscribe();
    }

    private Result measure(String name, int count, String schedulerName, boolean bindHere) throws InterruptedException {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> bound = new ConcurrentHashMap<>();
        CountDownLatch allBound = new CountDownLatch(count);
        AtomicInteger next = new AtomicInteger();
        String version = client.list(Resources.PODS, NAMESPACE, ListOptions.NONE).block(Duration.ofSeconds(30))
            .metadata().resourceVersion();
        Disposable watch = client.watch(Resources.PODS, NAMESPACE, ListOptions.NONE, version)
            .filter(event -> event.type() == WatchEvent.Type.ADDED || event.type() == WatchEvent.Type.MODIFIED)
            .flatMap(event -> {
                Pod pod = event.object();
                String pname = pod.metadata().name();
                if (pod.spec().nodeName() != null) {
                    if (bound.putIfAbsent(pname, System.nanoTime()) == null) {
                        allBound.countDown();
                    }
                    return Mono.empty();
                }
                if (bindHere && event.type() == WatchEvent.Type.ADDED) {
                    String node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
                    return client.bind(NAMESPACE, pname, node).onErrorResume(e -> Mono.empty());
                }
                return Mono.empty();
            }, CONCURRENCY)
            .subscribe();
        long start = System.nanoTime();
        Flux.range(0, count)
            .flatMap(i -> {
                String pname = String.format("%s-%05d", bindHere ? "base" : "sched", i);
                return client.create(Resources.PODS, pod(pname, schedulerName))
                    .doOnNext(p -> created.put(pname, System.nanoTime()));
            }, CONCURRENCY)
            .blockLast(Duration.ofMinutes(10));
        boolean done = allBound.await(10, TimeUnit.MINUTES);
        watch.dispose();
        long end = bound.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        if (!done) {
            System.out.printf("%s: only %d of %d pods were bound within 10 minutes%n", name, bound.size(), count);
        }
        List<Long> latencies = new ArrayList<>();
        created.forEach((pname, at) -> {
            Long b = bound.get(pname);
            if (b != null) {
                latencies.add(Math.max(0, b - at) / 1_000_000);
            }
        });
        Collections.sort(latencies);
        double seconds = (end - start) / 1e9;
        Result result = new Result(name, bound.size() / seconds, percentile(latencies, 50), percentile(latencies, 99));
        System.out.printf("%s: %d pods bound in %.1f s%n", name, bound.size(), seconds);
        return result;
    }

    private void deleteAllPods() {
        List<Pod> pods = client.list(Resources.PODS, NAMESPACE, ListOptions.NONE).block(Duration.ofSeconds(60)).items();
        // Bound pods wait for a kubelet to confirm their deletion; confirm as one would (grace period 0).
        DeleteOptions now = Json.read("{\"gracePeriodSeconds\":0}", DeleteOptions.class);
        Flux.fromIterable(pods)
            .flatMap(pod -> client.delete(Resources.PODS, NAMESPACE, pod.metadata().name(), now)
                .onErrorResume(e -> Mono.empty()), CONCURRENCY)
            .blockLast(Duration.ofMinutes(5));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static Node node(String name) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return Json.read("""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s",
             "kubernetes.io/os":"linux"}},
             "status":{"capacity":{"cpu":"32","memory":"128Gi","pods":"110"},
                       "allocatable":{"cpu":"32","memory":"128Gi","pods":"110"},
                       "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                                      "lastHeartbeatTime":"%s","lastTransitionTime":"%s"}]}}
            """.formatted(name, name, now, now), Node.class);
    }

    private static Lease lease(String name) {
        return Json.read("""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"%s","namespace":"kube-node-lease"},
             "spec":{"holderIdentity":"%s","leaseDurationSeconds":40,"renewTime":"%s"}}
            """.formatted(name, name, microNow()), Lease.class);
    }

    private static Pod pod(String name, String schedulerName) {
        String scheduler = schedulerName == null ? "" : ",\"schedulerName\":\"" + schedulerName + "\"";
        return Json.read("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"bench","labels":{"app":"bench"}},
             "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]%s}}
            """.formatted(name, scheduler), Pod.class);
    }

    private static String microNow() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
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
