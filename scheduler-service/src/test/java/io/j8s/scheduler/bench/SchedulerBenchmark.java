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
import io.j8s.testsupport.CpuMeter;
import io.j8s.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scheduler throughput, end to end through the API server and etcd: 1000 Ready nodes (their Leases renewed every
 * 10 s, as node agents would) and pending pods with requests. Each binder (a trivial round-robin binder as the
 * baseline: what the API server and etcd allow with no scheduling work at all; then the real scheduler) is
 * measured in two phases:
 * <ul>
 *   <li><b>stream</b>: pods are created at a steady rate while the binder runs; p50/p99 time from each pod's
 *       creation to the moment a watch sees it bound. This also warms the JVMs up (a scheduler runs for days; its
 *       first seconds of JIT compilation are not what it costs);</li>
 *   <li><b>backlog</b>: the binder is paused (the scheduler loses its leader Lease, which the benchmark takes), 5000
 *       pending pods are created, then it resumes (the Lease is freed and the scheduler takes it back, lists and
 *       schedules them all, as after a failover); pods bound per second from its first binding to its last, and the
 *       CPU each process spent per pod meanwhile.</li>
 * </ul>
 * Run it with {@code benchmarks/scheduler.sh}.
 */
public final class SchedulerBenchmark {

    private static final String NAMESPACE = "bench";
    private static final int CONCURRENCY = 64;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    private final ApiClient client;
    private final List<String> nodes = new ArrayList<>();

    private SchedulerBenchmark(ApiClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        int nodeCount = intArg(args, "--nodes", 1000);
        int podCount = intArg(args, "--pods", 5000);
        int streamCount = intArg(args, "--stream-pods", 2000);
        int rate = intArg(args, "--rate", 100);
        boolean baselineToo = !List.of(args).contains("--skip-baseline");
        System.out.printf("j8s scheduler benchmark: %d nodes, %d pods in a backlog, then %d pods streamed at %d/s "
            + "(%d cores, API server + etcd on this machine, load average %s at start)%n", nodeCount, podCount,
            streamCount, rate, Runtime.getRuntime().availableProcessors(), CpuMeter.loadAverage());
        try (ApiServerProcess api = ApiServerProcess.start()) {
            SchedulerBenchmark bench = new SchedulerBenchmark(new ApiClient(api.url()));
            bench.createCluster(nodeCount);
            Disposable heartbeats = bench.renewLeases();
            try {
                CpuMeter cpu = new CpuMeter(Map.of()).with("API server", api.pid()).with("etcd", api.etcd().pid())
                    .with("benchmark client", ProcessHandle.current().pid());
                List<Result> results = new ArrayList<>();
                if (baselineToo) {
                    results.add(bench.run("trivial round-robin binder", TRIVIAL_BINDER, podCount, streamCount, rate,
                        cpu, () -> bench.startTrivialBinder()));
                }
                results.add(bench.run("j8s scheduler", null, podCount, streamCount, rate, cpu,
                    () -> bench.startScheduler(api.url())));
                System.out.println();
                System.out.printf("%-28s %15s %15s %9s %9s   %s%n", "", "backlog pods/s", "stream pods/s",
                    "p50 ms", "p99 ms", "CPU ms per pod in the backlog");
                results.forEach(Result::print);
                if (results.size() == 2) {
                    System.out.printf("%nscheduler / baseline backlog throughput: %.2f  (target: at least 300 pods/s)%n",
                        results.get(1).backlogRate() / results.get(0).backlogRate());
                }
            } finally {
                heartbeats.dispose();
            }
        }
    }

    private static final String TRIVIAL_BINDER = "trivial-binder";

    private record Result(String name, double backlogRate, double streamRate, long p50Millis, long p99Millis,
                          String cpuPerPod) {
        void print() {
            System.out.printf("%-28s %15.0f %15.0f %9d %9d   %s%n", name, backlogRate, streamRate, p50Millis,
                p99Millis, cpuPerPod);
        }
    }

    /** A started binder: how to pause, resume and stop it, and its processes for the CPU meter. */
    private record Running(Runnable pause, Runnable resume, AutoCloseable stop, Map<String, Long> pids) {
    }

    @FunctionalInterface
    private interface Starter {
        Running start() throws Exception;
    }

    /**
     * The baseline binder: binds every pending pod of its scheduler name to the next node in turn, 64 bindings in
     * flight, with no scheduling work at all.
     */
    private Running startTrivialBinder() {
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Disposable> binding = new java.util.concurrent.atomic.AtomicReference<>();
        // A watch from "0" starts with every pod there is: resuming binds the backlog, then whatever comes.
        Runnable start = () -> binding.set(client.watch(Resources.PODS, NAMESPACE, ListOptions.NONE, "0")
            .filter(event -> event.type() == WatchEvent.Type.ADDED)
            .map(WatchEvent::object)
            .filter(pod -> pod.spec().nodeName() == null && TRIVIAL_BINDER.equals(pod.spec().schedulerName()))
            .flatMap(pod -> client.bind(NAMESPACE, pod.metadata().name(),
                    nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size())))
                .onErrorResume(e -> Mono.empty()), CONCURRENCY)
            .subscribe());
        start.run();
        return new Running(() -> binding.get().dispose(), start, () -> binding.get().dispose(), Map.of());
    }

    /**
     * The scheduler as a process with leader election on: pausing takes its Lease (the benchmark writes itself in as
     * the holder, so the scheduler sees it lost leadership and stops), resuming deletes the Lease so the scheduler
     * takes it again and starts a new term from a fresh list of pods.
     */
    private Running startScheduler(String apiUrl) throws java.io.IOException {
        ServiceProcess scheduler = ServiceProcess.start("scheduler-service",
            "--j8s.scheduler.api-server-url=" + apiUrl,
            "--j8s.scheduler.leader-election.lease-duration=15s",
            "--j8s.scheduler.leader-election.retry-period=1s");
        awaitLeader();
        Runnable pause = () -> {
            // The scheduler renews every second: re-read and try again when it got there first.
            Mono.defer(() -> client.get(Resources.LEASES, "kube-system", "kube-scheduler"))
                .flatMap(held -> client.update(Resources.LEASES, held.withSpec(held.spec()
                    .withHolderIdentity("scheduler-benchmark").withLeaseDurationSeconds(3600)
                    .withRenewTime(microNow()))))
                .retry(20)
                .block(Duration.ofSeconds(60));
            sleep(Duration.ofSeconds(3)); // it stops at its next renewal, seeing a foreign holder
        };
        Runnable resume = () -> client.delete(Resources.LEASES, "kube-system", "kube-scheduler", null)
            .block(Duration.ofSeconds(30));
        return new Running(pause, resume, scheduler::close, Map.of("scheduler", scheduler.pid()));
    }

    /** Until the scheduler holds its Lease, then a moment for its informers to sync. */
    private void awaitLeader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Lease lease = client.get(Resources.LEASES, "kube-system", "kube-scheduler")
                .onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(30));
            if (lease != null && lease.spec() != null && lease.spec().holderIdentity() != null) {
                sleep(Duration.ofSeconds(2));
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the scheduler did not take its Lease within 60 s");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Result run(String name, String schedulerName, int backlogCount, int streamCount, int rate, CpuMeter cpu,
                       Starter starter) throws Exception {
        String prefix = schedulerName == null ? "sched" : "base";
        Running binder = starter.start();
        try (BindingWatch watch = new BindingWatch()) {
            // Stream: pods arrive at a steady rate while the binder runs.
            Map<String, Long> created = new ConcurrentHashMap<>();
            long streamStart = System.nanoTime();
            Flux.interval(Duration.ofNanos(1_000_000_000L / rate))
                .onBackpressureDrop()
                .take(streamCount)
                .flatMap(i -> {
                    String pname = String.format("%s-s%05d", prefix, i);
                    long at = System.nanoTime();
                    return retrying(client.create(Resources.PODS, pod(pname, schedulerName)))
                        .doOnNext(p -> created.put(pname, at));
                }, CONCURRENCY)
                .blockLast(PHASE_TIMEOUT);
            boolean done = watch.awaitBound(streamCount);
            double streamSeconds = (watch.lastBound() - streamStart) / 1e9;
            List<Long> latencies = new ArrayList<>();
            created.forEach((pname, at) -> {
                Long bound = watch.boundAt(pname);
                if (bound != null) {
                    latencies.add(Math.max(0, bound - at) / 1_000_000);
                }
            });
            Collections.sort(latencies);
            System.out.printf("%s, stream: %d pods created at %d/s, bound in %.1f s%s%n", name, created.size(),
                rate, streamSeconds, done ? "" : " - NOT ALL BOUND");

            // Backlog: the binder pauses, every pod is pending before it resumes.
            binder.pause().run();
            Flux.range(0, backlogCount)
                .flatMap(i -> retrying(client.create(Resources.PODS,
                    pod(String.format("%s-b%05d", prefix, i), schedulerName))), CONCURRENCY)
                .blockLast(PHASE_TIMEOUT);
            CpuMeter meter = cpu;
            for (Map.Entry<String, Long> process : binder.pids().entrySet()) {
                meter = meter.with(process.getKey(), process.getValue());
            }
            int boundBefore = watch.count();
            long resumed = System.nanoTime();
            Map<String, Double> cpuBefore = meter.seconds();
            binder.resume().run();
            done = watch.awaitBound(streamCount + backlogCount);
            String cpuPerPod = CpuMeter.perUnit(cpuBefore, meter.seconds(), backlogCount);
            List<Long> backlogTimes = watch.boundTimesAfter(resumed);
            double backlogSeconds = (backlogTimes.get(backlogTimes.size() - 1) - backlogTimes.get(0)) / 1e9;
            double backlogRate = (backlogTimes.size() - 1) / backlogSeconds;
            System.out.printf("%s, backlog: %d pods bound in %.1f s (first to last binding; first binding %.1f s "
                + "after resuming)%s%n", name, watch.count() - boundBefore, backlogSeconds,
                (backlogTimes.get(0) - resumed) / 1e9, done ? "" : " - NOT ALL BOUND");
            return new Result(name, backlogRate, latencies.size() / streamSeconds, percentile(latencies, 50),
                percentile(latencies, 99), cpuPerPod);
        } finally {
            binder.stop().close();
            deleteAllPods();
        }
    }

    /** Records when a watch first sees each pod of the namespace bound. */
    private final class BindingWatch implements AutoCloseable {

        private final Map<String, Long> bound = new ConcurrentHashMap<>();
        private final Disposable watch;

        BindingWatch() {
            String version = client.list(Resources.PODS, NAMESPACE, ListOptions.NONE).block(Duration.ofSeconds(30))
                .metadata().resourceVersion();
            watch = client.watch(Resources.PODS, NAMESPACE, ListOptions.NONE, version)
                .filter(event -> event.type() == WatchEvent.Type.ADDED || event.type() == WatchEvent.Type.MODIFIED)
                .map(WatchEvent::object)
                .filter(pod -> pod.spec().nodeName() != null)
                .subscribe(pod -> bound.putIfAbsent(pod.metadata().name(), System.nanoTime()));
        }

        boolean awaitBound(int count) throws InterruptedException {
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            while (bound.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return bound.size() >= count;
        }

        List<Long> boundTimesAfter(long nanos) {
            List<Long> times = new ArrayList<>(bound.values().stream().filter(t -> t >= nanos).toList());
            Collections.sort(times);
            return times;
        }

        int count() {
            return bound.size();
        }

        long lastBound() {
            return bound.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        }

        Long boundAt(String name) {
            return bound.get(name);
        }

        @Override
        public void close() {
            watch.dispose();
        }
    }

    private void createCluster(int count) {
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(NAMESPACE), null)).block(Duration.ofSeconds(30));
        Instant start = Instant.now();
        for (int i = 1; i <= count; i++) {
            nodes.add(String.format("bench-node-%04d", i));
        }
        Flux.fromIterable(nodes)
            .flatMap(name -> retrying(client.create(Resources.NODES, node(name)))
                .then(retrying(client.create(Resources.LEASES, lease(name)))), CONCURRENCY)
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

    private void deleteAllPods() {
        List<Pod> pods = client.list(Resources.PODS, NAMESPACE, ListOptions.NONE).block(Duration.ofSeconds(60)).items();
        // Bound pods wait for a kubelet to confirm their deletion; confirm as one would (grace period 0).
        DeleteOptions now = Json.read("{\"gracePeriodSeconds\":0}", DeleteOptions.class);
        Flux.fromIterable(pods)
            .flatMap(pod -> client.delete(Resources.PODS, NAMESPACE, pod.metadata().name(), now)
                .onErrorResume(e -> Mono.empty()), CONCURRENCY)
            .blockLast(Duration.ofMinutes(5));
    }

    /** Setup writes survive a busy machine: a 503 (etcd slow to answer) is tried again; a 409 means it is there. */
    private static <T> Mono<T> retrying(Mono<T> write) {
        return write.onErrorResume(e -> e instanceof io.j8s.common.client.ApiException api && api.isConflict(),
                e -> Mono.empty())
            .retryWhen(reactor.util.retry.Retry.backoff(10, Duration.ofMillis(200))
                .filter(e -> e instanceof io.j8s.common.client.ApiException api && api.code() == 503));
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
