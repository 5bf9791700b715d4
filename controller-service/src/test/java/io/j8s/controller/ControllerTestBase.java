package io.j8s.controller;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The controller manager in this JVM against a real API server process (with its own etcd and Redis). No node
 * agent runs: tests play the kubelet by writing pod status themselves ({@link #markReady}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ControllerTestBase {

    protected static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void apiServer(DynamicPropertyRegistry registry) {
        registry.add("j8s.controller.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.controller.node-lifecycle.grace-period", () -> "6s");
        registry.add("j8s.controller.node-lifecycle.pod-eviction-timeout", () -> "4s");
        registry.add("j8s.controller.node-lifecycle.monitor-period", () -> "1s");
    }

    protected final ApiClient client = new ApiClient(ApiServerProcess.shared().url());

    /** A fresh namespace per test, so tests sharing one cluster never see each other's objects. */
    protected String newNamespace() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(name), null))
            .block(TIMEOUT);
        return name;
    }

    protected List<Pod> pods(String namespace, String labelSelector) {
        KubeList<Pod> list = client.list(Resources.PODS, namespace, ListOptions.labelSelector(labelSelector))
            .block(TIMEOUT);
        return list.items();
    }

    /** Plays the kubelet: the pod runs on {@code node} and is Ready. */
    protected void markReady(Pod pod, String node) {
        String now = Instant.now().toString();
        String status = """
            {"status":{"phase":"Running","podIP":"127.0.0.1","hostIP":"127.0.0.1","startTime":"%s",
             "conditions":[{"type":"PodScheduled","status":"True"},{"type":"Initialized","status":"True"},
                           {"type":"ContainersReady","status":"True"},{"type":"Ready","status":"True","lastTransitionTime":"%s"}]}}
            """.formatted(now, now);
        if (pod.spec().nodeName() == null) {
            client.bind(pod.metadata().namespace(), pod.metadata().name(), node).block(TIMEOUT);
        }
        client.patchStatus(Resources.PODS, pod.metadata().namespace(), pod.metadata().name(), PatchType.MERGE, status)
            .block(TIMEOUT);
    }

    /** Polls until {@code condition} holds, failing the test with {@code what} after {@code timeout}. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    protected static void sleep(long millis) {
        Await.sleep(millis);
    }
}
