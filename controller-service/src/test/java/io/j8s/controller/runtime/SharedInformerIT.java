package io.j8s.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.PatchType;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.labels.Selector;
import io.j8s.testsupport.ApiServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The informer against the real API server: list, watch, cache, handlers, and a relist after 410. */
class SharedInformerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final ApiServerProcess api = ApiServerProcess.shared();
    private final ApiClient client = new ApiClient(api.url());
    private SharedInformer<Pod> informer;

    @AfterEach
    void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    @Test
    void listsThenWatchesAndKeepsTheCacheInStep() {
        String ns = namespace();
        create(ns, "before", "web");
        List<String> seen = new CopyOnWriteArrayList<>();
        informer = new SharedInformer<>(client, Resources.PODS, ns, ListOptions.NONE, Duration.ZERO);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen.add("add " + pod.metadata().name());
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                seen.add("update " + newPod.metadata().name() + " " + newPod.metadata().labels().get("app"));
            }

            @Override
            public void onDelete(Pod pod) {
                seen.add("delete " + pod.metadata().name());
            }
        });
        informer.start();
        assertThat(informer.waitForSync(TIMEOUT)).isTrue();
        assertThat(informer.hasSynced()).isTrue();
        assertThat(informer.cache().get(ns, "before")).isPresent();

        create(ns, "after", "web");
        client.patch(Resources.PODS, ns, "before", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}")
            .block(TIMEOUT);
        client.delete(Resources.PODS, ns, "after", null).block(TIMEOUT);

        awaitTrue(() -> seen.size() >= 4);
        assertThat(seen).containsExactly("add before", "add after", "update before db", "delete after");
        assertThat(informer.cache().list(ns)).extracting(p -> p.metadata().name()).containsExactly("before");
        assertThat(informer.cache().list(ns, Selector.parse("app=db"))).hasSize(1);
        assertThat(informer.cache().list(ns, Selector.parse("app=web"))).isEmpty();
    }

    @Test
    void aWatchThatExpiresIsRepairedByARelist() throws Exception {
        try (ApiServerProcess privateApi = ApiServerProcess.start()) {
            ApiClient privateClient = new ApiClient(privateApi.url());
            String ns = "default";
            create(privateClient, ns, "one", "web");
            SharedInformer<Pod> relisting = new SharedInformer<>(privateClient, Resources.PODS, ns, ListOptions.NONE,
                Duration.ZERO);
            List<String> deleted = new CopyOnWriteArrayList<>();
            relisting.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onDelete(Pod pod) {
                    deleted.add(pod.metadata().name());
                }
            });
            relisting.start();
            try {
                assertThat(relisting.waitForSync(TIMEOUT)).isTrue();
                assertThat(relisting.cache().get(ns, "one")).isPresent();

                // While the API server is down: change etcd behind its back and compact the history, so the
                // informer's resumed watch answers 410 Expired and only a relist can catch up.
                privateApi.stopServer();
                String stored = privateApi.etcd().etcdctl("get", "/registry/pods/default/one", "--print-value-only");
                privateApi.etcd().etcdctl("put", "/registry/pods/default/two",
                    stored.trim().replace("\"name\":\"one\"", "\"name\":\"two\""));
                privateApi.etcd().etcdctl("del", "/registry/pods/default/one");
                String revision = io.j8s.common.json.Json.tree(privateApi.etcd().etcdctl("get", "/registry/pods/",
                    "--prefix", "--keys-only", "-w", "json")).path("header").path("revision").asString();
                privateApi.etcd().etcdctl("compact", revision);
                privateApi.startServer();

                awaitTrue(() -> relisting.cache().get(ns, "one").isEmpty() && relisting.cache().get(ns, "two").isPresent());
                assertThat(deleted).containsExactly("one");
            } finally {
                relisting.stop();
            }
        }
    }

    private String namespace() {
        String name = "inf-" + UUID.randomUUID().toString().substring(0, 8);
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(name), null)).block(TIMEOUT);
        return name;
    }

    private void create(String ns, String name, String app) {
        create(client, ns, name, app);
    }

    private static void create(ApiClient client, String ns, String name, String app) {
        Pod pod = Pod.of(ObjectMeta.of(ns, name).withLabels(java.util.Map.of("app", app)),
            PodSpec.of(List.of(Container.of("c", "busybox"))));
        client.create(Resources.PODS, pod).block(TIMEOUT);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("condition not met within " + TIMEOUT);
    }
}
