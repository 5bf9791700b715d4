package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.core.Pod;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.ServiceProcess;
import io.j8s.testsupport.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy in front of real pods: Deployments run as Docker containers by a real node agent (host-port mode),
 * their Services' Endpoints published by the real controller manager, both run from their jars next to the API
 * server. Each pod is busybox httpd answering its own name, ready while {@code /www/ready} exists.
 */
class RealPodsIT extends ProxyTestBase {

    private static final String NODE = "proxy-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration POD_TIMEOUT = Duration.ofSeconds(90);
    private static ServiceProcess controller;
    private static ServiceProcess nodeAgent;

    @BeforeAll
    static void cluster() throws Exception {
        TestImages.busybox();
        String api = ApiServerProcess.shared().url();
        CompletableFuture<ServiceProcess> controllers = CompletableFuture.supplyAsync(() -> start("controller-service",
            "--j8s.controller.api-server-url=" + api));
        CompletableFuture<ServiceProcess> agent = CompletableFuture.supplyAsync(() -> start("node-agent-service",
            "--j8s.node-agent.api-server-url=" + api, "--j8s.node-agent.node-name=" + NODE,
            "--j8s.node-agent.resync-interval=2s"));
        controller = controllers.get(3, TimeUnit.MINUTES);
        nodeAgent = agent.get(3, TimeUnit.MINUTES);
    }

    private static ServiceProcess start(String module, String... arguments) {
        try {
            return ServiceProcess.start(module, arguments);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module + " (build it first: mvn package)", e);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (nodeAgent != null) {
            nodeAgent.close();
        }
        if (controller != null) {
            controller.close();
        }
        for (String id : docker("ps", "-aq", "--filter", "label=io.j8s.node=" + NODE).split("\\s+")) {
            if (!id.isBlank()) {
                docker("rm", "-f", id);
            }
        }
    }

    @Test
    void threePodsTakeExactlyTheirShareAndScalingToFiveReachesTheNewPodsWithinTwoSeconds() {
        String ns = newNamespace();
        Set<String> three = deploy(ns, "web", 3);
        Map<String, Integer> landed = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            ProxyClient.Reply reply = http.get("web." + ns, "/");
            assertThat(reply.status()).isEqualTo(200);
            landed.merge(reply.body().trim(), 1, Integer::sum);
        }
        assertThat(landed.keySet()).isEqualTo(three);
        assertThat(landed.values()).containsOnly(100);

        api.patch(Resources.DEPLOYMENTS, ns, "web", PatchType.MERGE, "{\"spec\":{\"replicas\":5}}").block(TIMEOUT);
        Set<String> five = awaitReadyPods(ns, "web", 5);
        long ready = System.nanoTime();
        Set<String> added = new HashSet<>(five);
        added.removeAll(three);
        Set<String> seen = new HashSet<>();
        while (!seen.containsAll(added) && System.nanoTime() - ready < Duration.ofSeconds(10).toNanos()) {
            seen.add(http.get("web." + ns, "/").body().trim());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - ready);
        assertThat(seen).containsAll(added);
        assertThat(took).as("from both new pods Ready to traffic on both").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPodKilledUnderSteadyLoadCostsNoFailedGet() throws Exception {
        String ns = newNamespace();
        Set<String> pods = deploy(ns, "orders", 3);
        String victim = pods.iterator().next();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failed = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> clients = java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    ProxyClient.Reply reply = http.get("orders." + ns, "/");
                    if (reply.status() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.merge(reply.status() + " " + reply.body(), 1, Integer::sum);
                    }
                }
            }))
            .toList();
        await("load is flowing", TIMEOUT, () -> ok.get() > 200);
        docker("kill", container(victim));
        int atKill = ok.get();
        // through the kill, the restart, the pod leaving and rejoining the Endpoints
        await("load keeps flowing", TIMEOUT, () -> ok.get() > atKill + 1500);
        running.set(false);
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        assertThat(failed).as("failed GETs").isEmpty();
        // the kill was real: the node agent restarted the container
        await(victim + " restarted", POD_TIMEOUT, () -> {
            Pod pod = api.get(Resources.PODS, ns, victim).block(TIMEOUT);
            return pod.status().containerStatuses() != null && pod.status().containerStatuses().stream()
                .anyMatch(status -> status.restartCount() != null && status.restartCount() >= 1);
        });
    }

    @Test
    void aPodFailingItsReadinessProbeLeavesRotationAndComesBack() throws Exception {
        String ns = newNamespace();
        Set<String> pods = deploy(ns, "cart", 3);
        String flaky = pods.iterator().next();

        docker("exec", container(flaky), "rm", "/www/ready");
        await(flaky + " is out of rotation", POD_TIMEOUT, () -> !landedOn(ns, "cart", 6).contains(flaky));
        assertThat(landedOn(ns, "cart", 30)).as("30 requests after it left").doesNotContain(flaky).hasSize(2);

        docker("exec", container(flaky), "touch", "/www/ready");
        await(flaky + " is back", POD_TIMEOUT, () -> landedOn(ns, "cart", 6).contains(flaky));
    }

    /** A Deployment of {@code replicas} pods on this test's node and a Service over them; their pod names once routed. */
    private Set<String> deploy(String ns, String name, int replicas) {
        String deployment = """
            {"metadata":{"name":"%1$s"},"spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
             "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"nodeName":"%3$s","terminationGracePeriodSeconds":1,
              "containers":[{"name":"web","image":"%4$s",
               "command":["sh","-c","mkdir -p /www && echo $POD_NAME > /www/index.html && touch /www/ready && exec httpd -f -p 8080 -h /www"],
               "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
               "ports":[{"name":"http","containerPort":8080}],
               "readinessProbe":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":1,"failureThreshold":1}}]}}}}
            """.formatted(name, replicas, NODE, TestImages.BUSYBOX);
        api.create(Resources.DEPLOYMENTS, Json.read(deployment, Deployment.class).withMetadata(
            io.j8s.common.api.meta.ObjectMeta.of(ns, name))).block(TIMEOUT);
        createService(ns, name, "{\"selector\":{\"app\":\"" + name + "\"},\"ports\":[{\"port\":80,\"targetPort\":\"http\"}]}");
        Set<String> pods = awaitReadyPods(ns, name, replicas);
        await("the proxy routes to all " + replicas + " pods of " + name, POD_TIMEOUT,
            () -> landedOn(ns, name, replicas * 2).equals(pods));
        return pods;
    }

    private Set<String> awaitReadyPods(String ns, String app, int count) {
        Set<String> ready = new HashSet<>();
        await(count + " pods of " + app + " Ready", POD_TIMEOUT, () -> {
            ready.clear();
            for (Pod pod : api.list(Resources.PODS, ns, ListOptions.labelSelector("app=" + app)).block(TIMEOUT).items()) {
                boolean isReady = pod.status() != null && pod.status().conditions() != null && pod.status().conditions()
                    .stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
                if (isReady && pod.metadata().deletionTimestamp() == null) {
                    ready.add(pod.metadata().name());
                }
            }
            return ready.size() == count;
        });
        return Set.copyOf(ready);
    }

    private Set<String> landedOn(String ns, String service, int requests) {
        Set<String> landed = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            ProxyClient.Reply reply = http.get(service + "." + ns, "/");
            landed.add(reply.status() == 200 ? reply.body().trim() : "HTTP " + reply.status());
        }
        return landed;
    }

    /** The app container of {@code pod} on this test's node. */
    private static String container(String pod) {
        String id = docker("ps", "-q", "--filter", "label=io.j8s.node=" + NODE, "--filter",
            "label=io.kubernetes.pod.name=" + pod, "--filter", "label=io.kubernetes.container.name=web").trim();
        assertThat(id).as("the container of " + pod).isNotEmpty().doesNotContain("\n");
        return id;
    }

    private static String docker(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
