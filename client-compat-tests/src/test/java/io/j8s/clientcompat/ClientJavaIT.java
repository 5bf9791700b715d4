package io.j8s.clientcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The official Kubernetes Java client (io.kubernetes:client-java) against a real j8s API server, unchanged. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClientJavaIT {

    private static ApiClient client;
    private static CoreV1Api core;
    private static AppsV1Api apps;
    private static String namespace;

    @BeforeAll
    static void connect() throws Exception {
        client = Config.fromUrl(ApiServerProcess.shared().url(), false);
        // Watches stay open for minutes: no read timeout, as informers are meant to be run.
        client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
        core = new CoreV1Api(client);
        apps = new AppsV1Api(client);
        namespace = "cj-" + UUID.randomUUID().toString().substring(0, 8);
        core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(namespace))).execute();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        core.deleteNamespace(namespace).execute();
    }

    @Test
    void createReadUpdatePatchAndDeleteAPod() throws Exception {
        V1Pod created = core.createNamespacedPod(namespace, pod("crud", Map.of("app", "crud"))).execute();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();
        assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");

        V1Pod read = core.readNamespacedPod("crud", namespace).execute();
        read.getMetadata().putLabelsItem("tier", "back");
        V1Pod replaced = core.replaceNamespacedPod("crud", namespace, read).execute();
        assertThat(replaced.getMetadata().getLabels()).containsEntry("tier", "back");

        V1Pod patched = PatchUtils.patch(V1Pod.class,
            () -> core.patchNamespacedPod("crud", namespace,
                new V1Patch("{\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}")).buildCall(null),
            V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
        assertThat(patched.getMetadata().getLabels()).containsEntry("patched", "yes").containsEntry("tier", "back");

        // A stale resourceVersion is a 409 the client reports as such.
        read.getMetadata().putLabelsItem("stale", "yes");
        assertThatThrownBy(() -> core.replaceNamespacedPod("crud", namespace, read).execute())
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        core.deleteNamespacedPod("crud", namespace).execute();
        assertThatThrownBy(() -> core.readNamespacedPod("crud", namespace).execute())
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void listsWithLabelAndFieldSelectors() throws Exception {
        core.createNamespacedPod(namespace, pod("sel-a", Map.of("sel", "a"))).execute();
        core.createNamespacedPod(namespace, pod("sel-b", Map.of("sel", "b"))).execute();
        V1PodList byLabel = core.listNamespacedPod(namespace).labelSelector("sel=a").execute();
        assertThat(byLabel.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("sel-a");
        V1PodList byField = core.listNamespacedPod(namespace).fieldSelector("metadata.name=sel-b").execute();
        assertThat(byField.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("sel-b");
        V1PodList both = core.listNamespacedPod(namespace).labelSelector("sel in (a,b)").execute();
        assertThat(both.getItems()).hasSize(2);
        assertThat(both.getMetadata().getResourceVersion()).isNotBlank();
    }

    @Test
    void aDeploymentRoundTripsThroughTheTypedApi() throws Exception {
        V1Deployment deployment = new V1Deployment()
            .metadata(new V1ObjectMeta().name("web"))
            .spec(new V1DeploymentSpec().replicas(2)
                .selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
                .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(Map.of("app", "web")))
                    .spec(new V1PodSpec().containers(List.of(new V1Container().name("web").image("busybox:1.36"))))));
        V1Deployment created = apps.createNamespacedDeployment(namespace, deployment).execute();
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(apps.readNamespacedDeploymentScale("web", namespace).execute().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aSharedInformerListsThenWatches() throws Exception {
        core.createNamespacedPod(namespace, pod("inf-before", Map.of("inf", "yes"))).execute();
        SharedInformerFactory factory = new SharedInformerFactory(client);
        SharedIndexInformer<V1Pod> informer = factory.sharedIndexInformerFor(
            params -> core.listNamespacedPod(namespace).labelSelector("inf=yes")
                .resourceVersion(params.resourceVersion).watch(params.watch).timeoutSeconds(params.timeoutSeconds)
                .buildCall(null),
            V1Pod.class, V1PodList.class);
        Set<String> added = ConcurrentHashMap.newKeySet();
        Set<String> updated = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(V1Pod pod) {
                added.add(pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(V1Pod oldPod, V1Pod newPod) {
                updated.add(newPod.getMetadata().getName());
            }

            @Override
            public void onDelete(V1Pod pod, boolean finalStateUnknown) {
                deleted.add(pod.getMetadata().getName());
            }
        });
        factory.startAllRegisteredInformers();
        try {
            Await.until("the informer synced", Duration.ofSeconds(30), informer::hasSynced);
            assertThat(added).contains("inf-before");

            core.createNamespacedPod(namespace, pod("inf-after", Map.of("inf", "yes"))).execute();
            Await.until("the informer saw inf-after added", Duration.ofSeconds(30), () -> added.contains("inf-after"));
            PatchUtils.patch(V1Pod.class, () -> core.patchNamespacedPod("inf-after", namespace,
                    new V1Patch("{\"metadata\":{\"annotations\":{\"seen\":\"1\"}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
            Await.until("the informer saw inf-after updated", Duration.ofSeconds(30), () -> updated.contains("inf-after"));
            core.deleteNamespacedPod("inf-after", namespace).execute();
            Await.until("the informer saw inf-after deleted", Duration.ofSeconds(30), () -> deleted.contains("inf-after"));
            assertThat(informer.getIndexer().list()).extracting(p -> p.getMetadata().getName())
                .containsExactly("inf-before");
        } finally {
            factory.stopAllRegisteredInformers();
        }
    }

    private static V1Pod pod(String name, Map<String, String> labels) {
        return new V1Pod().metadata(new V1ObjectMeta().name(name).labels(labels))
            .spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("busybox:1.36"))));
    }
}
