package io.j8s.nodeagent.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.CpuMeter;
import io.j8s.testsupport.ServiceProcess;
import io.j8s.testsupport.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The node agent's benchmark (issue 5), run by {@code benchmarks/node-agent.sh}, not by {@code mvn verify}.
 *
 * <p>Docker: 50 pods of the local busybox image created at a steady rate against a private API server and a node
 * agent process, each timed from its creation to Running as seen through a watch. Two baselines, the same 50 sandbox +
 * app container pairs created and started directly through docker-java: one pair after the other, each timed from
 * its first call (the floor: what one pod start costs Docker here and now), and launched at the same rate on as many
 * threads as the agent has workers, each timed from its launch (Docker alone under the same load; the ratio's
 * denominator).
 *
 * <p>Simulated: one agent process hosting 1000 simulated nodes, 10 000 pods created already bound to them, timed
 * until all are Running (watched); the baseline is the same 10 000 creates followed by a status write per pod made
 * by the benchmark itself, i.e. the API server's and etcd's share of the work.
 *
 * <p>The API server and the agent are fresh JVMs: the first pods they handle run while the JIT compiles. A warm-up round
 * ({@code --warmup 100} pods at the same rate, reported on its own, then deleted) comes before the measured 50, as a
 * cluster that has been up for a while would run them; {@code --warmup 0} measures the cold start.
 *
 * <p>Options: {@code --pods 50 --rate 5 --warmup 100 --simulated-nodes 1000 --simulated-pods 10000 --skip-docker --skip-simulated}.
 */
public final class NodeAgentBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The node agent's default pod workers (application.yml), the concurrent baseline's threads. */
    private static final int WORKERS = 16;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int pods = Integer.parseInt(options.getOrDefault("pods", "50"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "5"));
        int simulatedNodes = Integer.parseInt(options.getOrDefault("simulated-nodes", "1000"));
        int simulatedPods = Integer.parseInt(options.getOrDefault("simulated-pods", "10000"));
        if (!options.containsKey("skip-docker")) {
            docker(pods, rate, Integer.parseInt(options.getOrDefault("warmup", "100")));
        }
        if (!options.containsKey("skip-simulated")) {
            simulated(simulatedNodes, simulatedPods);
        }
        System.exit(0);
    }

    // ---- Docker: pod startup latency

    static void docker(int count, double rate, int warmup) throws Exception {
        String image = TestImages.busybox();
        DockerClient docker = dockerClient();
        String node = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        System.out.printf("%nDocker: %d pods of %s created at %.1f/s (creation -> Running seen through a watch)%n",
            count, image, rate);
        List<Double> baseline = dockerBaseline(docker, image, count, rate, 1);
        List<Double> concurrent = dockerBaseline(docker, image, count, rate, WORKERS);
        try (ApiServerProcess api = ApiServerProcess.start();
             ServiceProcess agent = ServiceProcess.start("node-agent-service",
                 "--j8s.node-agent.api-server-url=" + api.url(), "--j8s.node-agent.node-name=" + node)) {
            ApiClient client = new ApiClient(api.url());
            if (warmup > 0) {
                String warm = namespace(client, "warmup");
                List<Double> cold = startPods(client, warm, node, image, warmup, rate);
                report("j8s node agent, first " + warmup + " (warm-up)", cold);
                deleteAll(client, warm);
            }
            CpuMeter cpu = new CpuMeter(Map.of()).with("API server", api.pid()).with("etcd", api.etcd().pid())
                .with("node agent", agent.pid());
            for (String daemon : List.of("dockerd", "containerd")) {
                var pid = CpuMeter.pidOf(daemon);
                if (pid.isPresent()) {
                    cpu = cpu.with(daemon, pid.getAsLong());
                }
            }
            cpu = cpu.with("benchmark client", ProcessHandle.current().pid());
            Map<String, Double> cpuBefore = cpu.seconds();
            String load = CpuMeter.loadAverage();
            List<Double> latencies = startPods(client, namespace(client, "bench"), node, image, count, rate);
            String cpuPerPod = CpuMeter.perUnit(cpuBefore, cpu.seconds(), count);
            report("docker-java, one pair at a time", baseline);
            report("docker-java, at the rate, " + WORKERS + " threads", concurrent);
            report("j8s node agent", latencies);
            System.out.printf("  CPU ms per pod: %s (load average %s at the start)%n", cpuPerPod, load);
            System.out.printf("  ratio p50 %.2fx, p99 %.2fx (agent / docker-java at the same rate); target p99 <= 2 s%n",
                percentile(latencies, 50) / percentile(concurrent, 50),
                percentile(latencies, 99) / percentile(concurrent, 99));
        } finally {
            removeContainers(docker, node);
        }
    }

    /** Creates {@code count} pods bound to {@code node} at {@code rate}; each one's creation to Running, watched. */
    private static List<Double> startPods(ApiClient client, String ns, String node, String image, int count,
            double rate) throws InterruptedException {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> runningAt = new ConcurrentHashMap<>();
        CountDownLatch allRunning = new CountDownLatch(count);
        Disposable watch = client.watch(Resources.PODS, ns, ListOptions.NONE, null).subscribe(event -> {
            Pod pod = event.object();
            if (pod != null && pod.status() != null && "Running".equals(pod.status().phase())
                    && runningAt.putIfAbsent(pod.metadata().name(), System.nanoTime()) == null) {
                allRunning.countDown();
            }
        });
        Thread.sleep(500); // the watch is open
        long interval = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sleepUntil(start + i * interval);
            String name = "pod-" + i;
            created.put(name, System.nanoTime());
            client.create(Resources.PODS, Json.read("""
                {"metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
                   "containers":[{"name":"main","image":"%s","command":["sleep","3600"]}]}}
                """.formatted(name, ns, node, image), Pod.class)).block(Duration.ofSeconds(30));
        }
        if (!allRunning.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            System.out.printf("only %d of %d pods became Running%n", runningAt.size(), count);
        }
        watch.dispose();
        List<Double> latencies = new ArrayList<>();
        runningAt.forEach((name, at) -> latencies.add((at - created.get(name)) / 1e9));
        return latencies;
    }

    /** Deletes every pod of {@code ns} and waits until the agent has confirmed each deletion (containers gone). */
    private static void deleteAll(ApiClient client, String ns) throws InterruptedException {
        for (Pod pod : client.list(Resources.PODS, ns, ListOptions.NONE).block(Duration.ofSeconds(30)).items()) {
            client.delete(Resources.PODS, ns, pod.metadata().name(), DeleteOptions.defaults())
                .block(Duration.ofSeconds(30));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!client.list(Resources.PODS, ns, ListOptions.NONE).block(Duration.ofSeconds(30)).items().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up pods were not deleted within " + TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    /**
     * The same work without Kubernetes: a sandbox and an app container joined to it, created and started through
     * docker-java. Serial: one pair after the other, each timed from its first call (what one pod start costs Docker
     * here and now). Concurrent: pairs launched at the benchmark's rate on as many threads as the agent has workers,
     * each timed from its launch (what Docker alone gives under the same arrival rate: queueing included).
     */
    private static List<Double> dockerBaseline(DockerClient docker, String image, int count, double rate,
            int threads) throws InterruptedException {
        String label = "j8s-bench-baseline-" + UUID.randomUUID().toString().substring(0, 8);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long interval = (long) (1_000_000_000L / rate);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                sleepUntil(due);
                Runnable pair = () -> {
                    startPair(docker, image, label);
                    latencies.add((System.nanoTime() - due) / 1e9);
                };
                if (threads <= 1) {
                    long t0 = System.nanoTime();
                    startPair(docker, image, label);
                    latencies.add((System.nanoTime() - t0) / 1e9);
                } else {
                    pool.execute(pair);
                }
            }
            pool.shutdown();
            pool.awaitTermination(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            removeContainers(docker, label);
        }
        return latencies;
    }

    private static void startPair(DockerClient docker, String image, String label) {
        String sandbox = docker.createContainerCmd(image).withLabels(Map.of("io.j8s.node", label))
            .withEntrypoint("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 3600 & wait $!; done")
            .withHostConfig(HostConfig.newHostConfig().withIpcMode("shareable")).exec().getId();
        docker.startContainerCmd(sandbox).exec();
        String app = docker.createContainerCmd(image).withLabels(Map.of("io.j8s.node", label))
            .withEntrypoint("sleep", "3600")
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + sandbox)
                .withIpcMode("container:" + sandbox)).exec().getId();
        docker.startContainerCmd(app).exec();
    }

    // ---- simulated: 1000 nodes, 10 000 pods

    static void simulated(int nodes, int pods) throws Exception {
        System.out.printf("%nSimulated: %d simulated nodes, %d pods created bound to them, until all are Running%n",
            nodes, pods);
        try (ApiServerProcess api = ApiServerProcess.start()) {
            ApiClient client = new ApiClient(api.url());
            double baseline = rawStatusWrites(client, pods);
            long agentStart = System.nanoTime();
            try (ServiceProcess agent = ServiceProcess.start("node-agent-service",
                    "--j8s.node-agent.api-server-url=" + api.url(), "--j8s.node-agent.node-name=sim",
                    "--j8s.node-agent.runtime=simulated", "--j8s.node-agent.simulated.nodes=" + nodes,
                    "--j8s.node-agent.simulated.startup-delay=0s", "--j8s.node-agent.workers=32")) {
                while (client.list(Resources.NODES, null, ListOptions.NONE).block(TIMEOUT).items().size() < nodes) {
                    Thread.sleep(200);
                }
                System.out.printf("  %d nodes registered in %.1f s%n", nodes, (System.nanoTime() - agentStart) / 1e9);
                String ns = namespace(client, "sim");
                AtomicInteger running = new AtomicInteger();
                CountDownLatch allRunning = new CountDownLatch(pods);
                Map<String, Boolean> seen = new ConcurrentHashMap<>();
                Disposable watch = client.watch(Resources.PODS, ns, ListOptions.NONE, null).subscribe(event -> {
                    Pod pod = event.object();
                    if (pod != null && pod.status() != null && "Running".equals(pod.status().phase())
                            && seen.putIfAbsent(pod.metadata().name(), true) == null) {
                        running.incrementAndGet();
                        allRunning.countDown();
                    }
                });
                Thread.sleep(500);
                long start = System.nanoTime();
                Flux.range(0, pods).flatMap(i -> client.create(Resources.PODS, simulatedPod(ns, "pod-" + i,
                    "sim-node-" + (i % nodes + 1))), 32).then().block(TIMEOUT);
                double created = (System.nanoTime() - start) / 1e9;
                boolean done = allRunning.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double elapsed = (System.nanoTime() - start) / 1e9;
                watch.dispose();
                System.out.printf("  raw creates + status writes by one client (baseline): %.1f s%n", baseline);
                System.out.printf("  j8s simulated nodes: %d pods Running in %.1f s (%s; all created after %.1f s)%n",
                    running.get(), elapsed, done ? "all" : "NOT all", created);
                System.out.printf("  ratio %.2fx (agent / baseline); kwok's CI gate: 10000 pods Running in under 60 s%n",
                    elapsed / baseline);
            }
        }
    }

    /** Baseline: create the pods (not bound) and write each one's status Running, 32 requests in flight. */
    private static double rawStatusWrites(ApiClient client, int pods) {
        String ns = namespace(client, "raw");
        String status = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
        long start = System.nanoTime();
        Flux.range(0, pods)
            .flatMap(i -> client.create(Resources.PODS, simulatedPod(ns, "raw-" + i, null))
                .then(client.patchStatus(Resources.PODS, ns, "raw-" + i, PatchType.MERGE, status)), 32)
            .then().block(TIMEOUT);
        double elapsed = (System.nanoTime() - start) / 1e9;
        client.list(Resources.PODS, ns, ListOptions.NONE).block(TIMEOUT); // settle
        return elapsed;
    }

    private static Pod simulatedPod(String ns, String name, String node) {
        return Json.read("""
            {"metadata":{"name":"%s","namespace":"%s"},
             "spec":{%s"schedulerName":"bench-none","containers":[{"name":"main","image":"j8s.local/busybox:1.36"}]}}
            """.formatted(name, ns, node == null ? "" : "\"nodeName\":\"" + node + "\","), Pod.class);
    }

    // ---- helpers

    private static String namespace(ApiClient client, String prefix) {
        String ns = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(ns), null)).block(Duration.ofSeconds(30));
        return ns;
    }

    private static void report(String what, List<Double> latencies) {
        System.out.printf("  %-38s p50 %.3f s  p99 %.3f s  max %.3f s  (%d samples)%n", what, percentile(latencies, 50),
            percentile(latencies, 99), latencies.isEmpty() ? 0 : Collections.max(latencies), latencies.size());
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static DockerClient dockerClient() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost()).build());
    }

    private static void removeContainers(DockerClient docker, String node) {
        for (var c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.j8s.node", node)).exec()) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // gone
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                options.put(key, hasValue ? args[++i] : "true");
            }
        }
        return options;
    }
}
