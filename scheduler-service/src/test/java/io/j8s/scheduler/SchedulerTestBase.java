package io.j8s.scheduler;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.meta.Conditions;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler in this JVM (leader election off) against a real API server process with its own etcd and
 * Redis. No node agent or node lifecycle controller runs: tests create Node objects themselves, Ready, with
 * the allocatable, labels and taints they need, and each test deletes its nodes and pods afterwards, so the
 * next one starts from a cluster without nodes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SchedulerTestBase {

    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void apiServer(DynamicPropertyRegistry registry) {
        registry.add("j8s.scheduler.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.scheduler.identity", () -> "scheduler-it");
        registry.add("j8s.scheduler.leader-election.enabled", () -> "false");
    }

    protected final ApiClient client = new ApiClient(ApiServerProcess.shared().url());
    protected String ns;
    private final List<String> nodes = new ArrayList<>();

    @BeforeEach
    void namespace() {
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(ns), null)).block(TIMEOUT);
    }

    /** Pods first (their nodes' room is freed), then nodes, so the next test sees an empty cluster. */
    @AfterEach
    void cleanUp() {
        DeleteOptions now = Json.read("{\"gracePeriodSeconds\":0}", DeleteOptions.class);
        for (Pod pod : client.list(Resources.PODS, ns, ListOptions.NONE).block(TIMEOUT).items()) {
            client.delete(Resources.PODS, ns, pod.metadata().name(), now).onErrorComplete().block(TIMEOUT);
        }
        for (String node : nodes) {
            client.delete(Resources.NODES, null, node, null).onErrorComplete().block(TIMEOUT);
        }
    }

    /** A Ready node with the given allocatable cpu, room for 110 pods, and extra labels. */
    protected String node(String suffix, String cpu, Map<String, String> labels) {
        return node(suffix, cpu, labels, "");
    }

    /**
     * A Ready node named {@code <namespace>-<suffix>}, labelled with its hostname and {@code labels}; {@code
     * taints} is the JSON of {@code spec.taints} entries, or "".
     */
    protected String node(String suffix, String cpu, Map<String, String> labels, String taints) {
        String name = ns + "-" + suffix;
        Map<String, String> allLabels = new java.util.TreeMap<>(labels);
        allLabels.put("kubernetes.io/hostname", name);
        String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Node node = Json.read("""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":%s},
             "spec":{"taints":[%s]},
             "status":{"capacity":{"cpu":"%s","memory":"16Gi","pods":"110"},
                       "allocatable":{"cpu":"%s","memory":"16Gi","pods":"110"},
                       "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                                      "lastHeartbeatTime":"%s","lastTransitionTime":"%s"}]}}
            """.formatted(name, Json.write(allLabels), taints, cpu, cpu, now, now), Node.class);
        client.create(Resources.NODES, node).block(TIMEOUT);
        nodes.add(name);
        return name;
    }

    /** A pod asking for {@code cpu}; {@code spec} is extra JSON members of its spec (with a leading comma), or "". */
    protected Pod pod(String name, String cpu, String spec) {
        return pod(name, cpu, Map.of(), spec);
    }

    protected Pod pod(String name, String cpu, Map<String, String> labels, String spec) {
        return client.create(Resources.PODS, podObject(name, cpu, labels, spec)).block(TIMEOUT);
    }

    /** The pod {@link #pod} creates, not created. */
    protected Pod podObject(String name, String cpu, Map<String, String> labels, String spec) {
        return Json.read("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s","labels":%s},
             "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"%s"}}}]%s}}
            """.formatted(name, ns, Json.write(labels), cpu, spec), Pod.class);
    }

    protected Pod get(String pod) {
        return client.get(Resources.PODS, ns, pod).block(TIMEOUT);
    }

    protected String nodeOf(String pod) {
        return get(pod).spec().nodeName();
    }

    /** Waits until the pod is bound and returns its node. */
    protected String awaitBound(String pod) {
        await(pod + " bound", TIMEOUT, () -> nodeOf(pod) != null);
        return nodeOf(pod);
    }

    protected Optional<PodCondition> scheduledCondition(String pod) {
        Pod current = get(pod);
        return Conditions.find(current.status() == null ? null : current.status().conditions(),
            PodCondition.POD_SCHEDULED);
    }

    /** Events about a pod with the given reason, as {@code message} strings. */
    protected List<String> events(String pod, String reason) {
        return client.list(Resources.EVENTS, ns, ListOptions.fieldSelector("involvedObject.name=" + pod))
            .block(TIMEOUT).items().stream()
            .filter(e -> reason.equals(e.reason()))
            .map(Event::message)
            .collect(Collectors.toList());
    }

    /** Polls until {@code condition} holds, failing the test with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    protected static void sleep(long millis) {
        Await.sleep(millis);
    }
}
