package io.j8s.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler processes (the built jar) against one API server: one holds the Lease
 * {@code kube-system/kube-scheduler} and only it binds; killed with SIGKILL, the other takes over within the
 * lease duration (15 s) and a retry period (2 s) and schedules new pods.
 *
 * <p>The API server is a private one, so the scheduler the other integration tests run in this JVM (leader
 * election off) never binds these pods.
 */
class LeaderElectionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    private static final String NS = "failover";

    private static ApiServerProcess apiServer;
    private static ApiClient client;
    private final Map<String, ServiceProcess> schedulers = new HashMap<>();

    @BeforeAll
    static void startApiServer() throws IOException {
        apiServer = ApiServerProcess.start();
        client = new ApiClient(apiServer.url());
    }

    @AfterAll
    static void stopApiServer() {
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @AfterEach
    void stopSchedulers() {
        schedulers.values().forEach(ServiceProcess::kill);
    }

    @Test
    void onlyTheLeaderBindsAndTheStandbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        start("a");
        start("b");
        await("a leader", TIMEOUT, () -> holder() != null);
        String leader = holder();
        String standby = leader.equals("a") ? "b" : "a";
        assertThat(leadership(leader)).isTrue();
        assertThat(leadership(standby)).isFalse();

        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(NS), null)).block(TIMEOUT);
        client.create(Resources.NODES, node("node-1")).block(TIMEOUT);
        client.create(Resources.PODS, pod("before")).block(TIMEOUT);
        await("before bound", TIMEOUT, () -> nodeOf("before") != null);
        await("the Scheduled event", TIMEOUT, () -> !scheduledBy("before").isEmpty());
        assertThat(scheduledBy("before")).containsOnly(leader);
        assertThat(log(standby)).doesNotContain("Starting to schedule");

        Instant killed = Instant.now();
        schedulers.get(leader).kill();
        await("the standby leading", LEASE_DURATION.plus(RETRY_PERIOD).plusSeconds(10),
            () -> standby.equals(holder()));
        assertThat(Duration.between(killed, Instant.now()))
            .isLessThanOrEqualTo(LEASE_DURATION.plus(RETRY_PERIOD).plusSeconds(3));

        client.create(Resources.PODS, pod("after")).block(TIMEOUT);
        await("after bound", TIMEOUT, () -> nodeOf("after") != null);
        await("the Scheduled event", TIMEOUT, () -> !scheduledBy("after").isEmpty());
        assertThat(scheduledBy("after")).containsOnly(standby);
        assertThat(leadership(standby)).isTrue();
    }

    private void start(String identity) throws IOException {
        schedulers.put(identity, ServiceProcess.start("scheduler-service",
            "--j8s.scheduler.api-server-url=" + apiServer.url(),
            "--j8s.scheduler.identity=" + identity));
    }

    private static String holder() {
        try {
            Lease lease = client.get(Resources.LEASES, "kube-system", "kube-scheduler").block(TIMEOUT);
            String holder = lease == null || lease.spec() == null ? null : lease.spec().holderIdentity();
            return holder == null || holder.isEmpty() ? null : holder;
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** What {@code /actuator/health} says of the replica's leadership (what {@code ./j8s status} shows). */
    private boolean leadership(String identity) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + schedulers.get(identity).port() + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        Map<?, ?> health = Json.read(response.body(), Map.class);
        Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) health.get("components")).get("leadership"))
            .get("details");
        assertThat(details.get("identity")).isEqualTo(identity);
        return Boolean.TRUE.equals(details.get("leader"));
    }

    private String log(String identity) throws IOException {
        return Files.readString(schedulers.get(identity).log().toPath());
    }

    private static String nodeOf(String pod) {
        return client.get(Resources.PODS, NS, pod).block(TIMEOUT).spec().nodeName();
    }

    /** The replicas (source.host) that reported scheduling the pod. */
    private static List<String> scheduledBy(String pod) {
        List<String> hosts = new ArrayList<>();
        for (Event event : client.list(Resources.EVENTS, NS, ListOptions.fieldSelector("involvedObject.name=" + pod))
            .block(TIMEOUT).items()) {
            if ("Scheduled".equals(event.reason()) && event.source() != null) {
                hosts.add(event.source().host());
            }
        }
        return hosts;
    }

    private static Node node(String name) {
        return Json.read("""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"}},
             "status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                       "conditions":[{"type":"Ready","status":"True"}]}}
            """.formatted(name, name), Node.class);
    }

    private static Pod pod(String name) {
        return Json.read("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s"},
             "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"100m"}}}]}}
            """.formatted(name, NS), Pod.class);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}
