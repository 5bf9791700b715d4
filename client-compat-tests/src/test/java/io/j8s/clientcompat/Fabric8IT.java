package io.j8s.clientcompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** fabric8's kubernetes-client (7.x, JDK HTTP client) against a real j8s API server, unchanged. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class Fabric8IT {

    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void connect() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(ApiServerProcess.shared().url())
            .withRequestTimeout(30_000).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        namespace = "f8-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
    }

    @AfterAll
    static void cleanUp() {
        client.namespaces().withName(namespace).delete();
        client.close();
    }

    @Test
    void createEditWithJsonPatchAndScaleADeployment() {
        Deployment created = client.apps().deployments().inNamespace(namespace).resource(deployment("web")).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getSpec().getRevisionHistoryLimit()).isEqualTo(10);

        // edit() diffs the object and sends the difference as a JSON Patch.
        Deployment edited = client.apps().deployments().inNamespace(namespace).withName("web")
            .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("edited", "yes").endMetadata()
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("busybox:1.37").endContainer()
                .endSpec().endTemplate().endSpec().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("edited", "yes");
        assertThat(edited.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:1.37");
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2);

        client.apps().deployments().inNamespace(namespace).withName("web").scale(4);
        assertThat(client.apps().deployments().inNamespace(namespace).withName("web").get().getSpec().getReplicas())
            .isEqualTo(4);
        assertThat(client.apps().deployments().inNamespace(namespace).withName("web").scale().getSpec().getReplicas())
            .isEqualTo(4);
    }

    @Test
    void errorsCarryTheKubernetesStatus() {
        KubernetesClientException error = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
            () -> client.pods().inNamespace(namespace).resource(pod("dup", "x")).create()
                .getMetadata().getName().transform(name -> client.pods().inNamespace(namespace)
                    .resource(pod("dup", "x")).create()));
        assertThat(error.getCode()).isEqualTo(409);
        assertThat(error.getStatus().getReason()).isEqualTo("AlreadyExists");
    }

    @Test
    void anHttpWatchSeesAddsModificationsAndDeletes() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch watch = client.pods().inNamespace(namespace).withLabel("watch", "yes").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.pods().inNamespace(namespace).resource(pod("w1", "yes")).create();
            client.pods().inNamespace(namespace).withName("w1")
                .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations("a", "b").endMetadata().build());
            client.pods().inNamespace(namespace).withName("w1").delete();
            Await.until("ADDED, MODIFIED and DELETED of w1 arrived", Duration.ofSeconds(30),
                () -> events.containsAll(List.of("ADDED w1", "MODIFIED w1", "DELETED w1")));
        }
    }

    @Test
    void anInformerListsThenWatches() {
        client.pods().inNamespace(namespace).resource(pod("i1", "inf")).create();
        Set<String> added = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace(namespace).withLabel("watch", "inf")
            .inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    added.add(pod.getMetadata().getName());
                }

                @Override
                public void onUpdate(Pod oldPod, Pod newPod) {
                }

                @Override
                public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                    deleted.add(pod.getMetadata().getName());
                }
            });
        try {
            Await.until("the informer listed i1", Duration.ofSeconds(30), () -> added.contains("i1"));
            client.pods().inNamespace(namespace).resource(pod("i2", "inf")).create();
            Await.until("the informer saw i2 added", Duration.ofSeconds(30), () -> added.contains("i2"));
            client.pods().inNamespace(namespace).withName("i1").delete();
            Await.until("the informer saw i1 deleted", Duration.ofSeconds(30), () -> deleted.contains("i1"));
            assertThat(informer.getStore().list()).extracting(p -> p.getMetadata().getName()).containsExactly("i2");
        } finally {
            informer.close();
        }
    }

    private static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().withReplicas(2)
            .withNewSelector().addToMatchLabels("app", name).endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName("web").withImage("busybox:1.36").endContainer().endSpec()
            .endTemplate().endSpec().build();
    }

    private static Pod pod(String name, String watchLabel) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("watch", watchLabel).endMetadata()
            .withNewSpec().addNewContainer().withName("app").withImage("busybox:1.36").endContainer().endSpec().build();
    }
}
