package io.j8s.nodeagent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.json.Json;
import io.j8s.nodeagent.docker.Labels;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import io.j8s.testsupport.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Integration tests of the node agent against a real API server (own etcd and Redis) and the machine's real
 * dockerd, with the locally built busybox image. Pods are created already bound to the test's node (no scheduler
 * runs); every test has its own namespace, and every container the agent made for this test class's node is
 * removed afterwards, even when a test fails.
 */
public abstract class NodeAgentTestBase {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);
    protected static final String IMAGE = TestImages.busybox();
    protected static final DockerClient DOCKER = dockerClient();

    protected final ApiClient client = new ApiClient(ApiServerProcess.shared().url());
    protected String ns;

    static DockerClient dockerClient() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost()).build());
    }

    /** A node name no other test run or agent uses, so its containers are this run's alone. */
    protected static String uniqueNodeName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeAll
    static void image() {
        TestImages.busybox();
    }

    @BeforeEach
    void namespace() {
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(ns), null)).block(TIMEOUT);
    }

    /** Removes every container and volume labelled with {@code node}. */
    protected static void removeContainersOf(String node) {
        for (var container : DOCKER.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, node)).exec()) {
            try {
                DOCKER.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        var volumes = DOCKER.listVolumesCmd().withFilter("label", List.of(Labels.NODE + "=" + node)).exec().getVolumes();
        for (var volume : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            try {
                DOCKER.removeVolumeCmd(volume.getName()).exec();
            } catch (RuntimeException ignored) {
                // in use or gone
            }
        }
    }

    protected abstract String nodeName();

    /** Creates a pod bound to this node from JSON; {@code %NS%}, {@code %NODE%} and {@code %IMAGE%} are filled in. */
    protected Pod createPod(String json) {
        Pod pod = Json.read(json.replace("%NS%", ns).replace("%NODE%", nodeName()).replace("%IMAGE%", IMAGE), Pod.class);
        return client.create(Resources.PODS, pod).block(TIMEOUT);
    }

    private final List<reactor.core.Disposable> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Starts recording, from a watch, every waiting reason the container shows: states that last a moment (such
     * as ErrImagePull before ImagePullBackOff) are seen even when polling would miss them.
     */
    protected List<String> recordWaitingReasons(String pod, String container) {
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        watchPod(pod, seen -> {
            var status = container(seen, container);
            if (status != null && status.state() != null && status.state().waiting() != null) {
                reasons.add(status.state().waiting().reason());
            }
        });
        return reasons;
    }

    /** Hands every version of the pod a watch sees to {@code consumer}, until the test ends. */
    protected void watchPod(String pod, java.util.function.Consumer<Pod> consumer) {
        watches.add(client.watch(Resources.PODS, ns, ListOptions.fieldSelector("metadata.name=" + pod), null)
            .subscribe(event -> {
                if (event.object() != null) {
                    consumer.accept(event.object());
                }
            }, error -> { }));
    }

    @org.junit.jupiter.api.AfterEach
    void stopWatches() {
        watches.forEach(reactor.core.Disposable::dispose);
        watches.clear();
    }

    protected Pod get(String name) {
        return client.get(Resources.PODS, ns, name).block(TIMEOUT);
    }

    protected Pod awaitPod(String name, String what, Predicate<Pod> condition) {
        return awaitPod(name, what, TIMEOUT, condition);
    }

    protected Pod awaitPod(String name, String what, Duration timeout, Predicate<Pod> condition) {
        Pod[] last = new Pod[1];
        try {
            Await.until(name + " " + what, timeout, () -> {
                last[0] = get(name);
                return condition.test(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + (last[0] == null ? null
                : Json.write(last[0].status())), e);
        }
        return last[0];
    }

    /** Waits until the pod is gone from the API server (the agent confirmed its deletion). */
    protected void awaitGone(String name) {
        Await.until(name + " gone from the API", TIMEOUT, () -> {
            try {
                get(name);
                return false;
            } catch (io.j8s.common.client.ApiException e) {
                return e.isNotFound();
            }
        });
    }

    protected static boolean running(Pod pod) {
        return pod.status() != null && "Running".equals(pod.status().phase());
    }

    protected static boolean ready(Pod pod) {
        return pod.status() != null && pod.status().conditions() != null && pod.status().conditions().stream()
            .anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
    }

    protected static io.j8s.common.api.core.ContainerStatus container(Pod pod, String name) {
        return pod.status() == null ? null : named(pod.status().containerStatuses(), name);
    }

    protected static io.j8s.common.api.core.ContainerStatus initContainer(Pod pod, String name) {
        return pod.status() == null ? null : named(pod.status().initContainerStatuses(), name);
    }

    private static io.j8s.common.api.core.ContainerStatus named(List<io.j8s.common.api.core.ContainerStatus> statuses,
            String name) {
        return statuses == null ? null : statuses.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The STATUS column {@code kubectl get pod} shows: the API server's Table row for the pod, which kubectl prints
     * as it is (kubectl asks for {@code as=Table} and computes nothing itself).
     */
    protected String kubectlStatus(String pod) {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ApiServerProcess.shared().url() + "/api/v1/namespaces/" + ns + "/pods/" + pod))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        var table = Json.tree(response.body());
        var columns = table.path("columnDefinitions");
        for (int i = 0; i < columns.size(); i++) {
            if ("Status".equals(columns.get(i).path("name").asString())) {
                return table.path("rows").get(0).path("cells").get(i).asString();
            }
        }
        throw new AssertionError("no Status column in " + response.body());
    }

    /** {@code GET .../pods/{pod}/log?query} through the API server: "status body". */
    protected String apiLog(String pod, String query) {
        try {
            return httpGet(ApiServerProcess.shared().url() + "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log"
                + (query.isEmpty() ? "" : "?" + query));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The pod's container names that ever had a Docker container on this node. */
    protected List<String> dockerContainerNames(String pod) {
        return dockerContainers(pod).stream().map(c -> c.getLabels().get(Labels.CONTAINER_NAME)).toList();
    }

    protected static int restartCount(Pod pod, String container) {
        var status = container(pod, container);
        return status == null || status.restartCount() == null ? -1 : status.restartCount();
    }

    /** The Docker containers of a pod (any state), by its name. */
    protected List<com.github.dockerjava.api.model.Container> dockerContainers(String pod) {
        return DOCKER.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, nodeName(),
            Labels.POD_NAMESPACE, ns, Labels.POD_NAME, pod)).exec();
    }

    protected List<String> eventReasons(String pod) {
        return client.list(Resources.EVENTS, ns, ListOptions.fieldSelector("involvedObject.name=" + pod))
            .block(TIMEOUT).items().stream().map(Event::reason).toList();
    }

    protected List<Event> events(String pod) {
        return client.list(Resources.EVENTS, ns, ListOptions.fieldSelector("involvedObject.name=" + pod))
            .block(TIMEOUT).items();
    }

    protected static String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
