package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The node agent in this JVM running real pods on Docker. */
class PodLifecycleIT extends AgentInThisJvmTestBase {

    static final String NODE = uniqueNodeName("it-pods");

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        agentFor(registry, NODE);
    }

    @Override
    protected String nodeName() {
        return NODE;
    }

    @Test
    void aPodWhoseHttpdServesItsOwnNameAnswersOnItsPublishedPort() throws Exception {
        createPod("""
            {"metadata":{"name":"web","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"web","image":"%IMAGE%",
                 "command":["sh","-c","mkdir -p /www && echo $(POD_NAME) in $(POD_NAMESPACE) > /www/index.html && exec httpd -f -p 8080 -h /www"],
                 "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                        {"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}}],
                 "ports":[{"containerPort":8080}]}]}}
            """);

        Pod pod = awaitPod("web", "Running and Ready", p -> running(p) && ready(p));

        assertThat(pod.status().podIP()).isEqualTo("127.0.0.1");
        assertThat(pod.status().hostIP()).isEqualTo("127.0.0.1");
        assertThat(pod.status().startTime()).isNotNull();
        var status = container(pod, "web");
        assertThat(status.containerID()).startsWith("docker://");
        assertThat(status.imageID()).startsWith("docker://sha256:");
        assertThat(status.restartCount()).isZero();
        assertThat(status.state().running()).isNotNull();
        Integer hostPort = HostPorts.hostPort(pod, 8080, "TCP").orElseThrow();
        assertThat(hostPort).isBetween(40000, 49999);
        Await.until("httpd answers", TIMEOUT, () -> {
            try {
                return httpGet("http://127.0.0.1:" + hostPort + "/").equals("200 web in " + ns + "\n");
            } catch (Exception e) {
                return false;
            }
        });
        Await.until("Pulled, Created and Started events", TIMEOUT,
            () -> eventReasons("web").containsAll(java.util.List.of("Pulled", "Created", "Started")));
        var labels = dockerContainers("web").get(0).getLabels();
        assertThat(labels).containsEntry("io.kubernetes.pod.uid", pod.metadata().uid())
            .containsEntry("io.j8s.node", NODE).containsKey("io.kubernetes.container.name");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void theNodeIsRegisteredWithCapacityConditionsAndALeaseRenewedEveryFewSeconds() {
        Await.until("the Node registered", TIMEOUT, () -> {
            try {
                return client.get(io.j8s.common.api.Resources.NODES, null, NODE).block(TIMEOUT).status().conditions() != null;
            } catch (io.j8s.common.client.ApiException e) {
                return false;
            }
        });
        var node = client.get(io.j8s.common.api.Resources.NODES, null, NODE).block(TIMEOUT);
        assertThat(node.metadata().labels()).containsEntry("kubernetes.io/hostname", NODE)
            .containsEntry("kubernetes.io/os", "linux");
        assertThat(node.status().capacity()).containsKeys("cpu", "memory").containsEntry("pods", "110");
        assertThat(node.status().allocatable()).isEqualTo(node.status().capacity());
        assertThat(node.status().addresses()).extracting(a -> a.type() + "=" + a.address())
            .containsExactly("InternalIP=127.0.0.1", "Hostname=" + NODE);
        assertThat(node.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(port);
        assertThat(node.status().conditions()).extracting(c -> c.type() + "=" + c.status())
            .containsExactlyInAnyOrder("Ready=True", "MemoryPressure=False", "DiskPressure=False", "PIDPressure=False");

        var lease = client.get(io.j8s.common.api.Resources.LEASES, "kube-node-lease", NODE).block(TIMEOUT);
        assertThat(lease.spec().holderIdentity()).isEqualTo(NODE);
        assertThat(lease.metadata().ownerReferences()).extracting(r -> r.kind() + "/" + r.name())
            .containsExactly("Node/" + NODE);
        String renewed = lease.spec().renewTime();
        Await.until("the Lease renewed", java.time.Duration.ofSeconds(10), () -> !renewed.equals(
            client.get(io.j8s.common.api.Resources.LEASES, "kube-node-lease", NODE).block(TIMEOUT).spec().renewTime()));
    }

    @Test
    void killingItsContainerRestartsItWithRestartCountOneAndThePreviousLogKept() throws Exception {
        createPod("""
            {"metadata":{"name":"crashy","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"main","image":"%IMAGE%",
                 "command":["sh","-c","echo started at $(date +%s%N); trap 'exit 0' TERM; while true; do sleep 1; done"]}]}}
            """);
        Pod running = awaitPod("crashy", "Running", p -> running(p) && ready(p));
        String firstId = container(running, "main").containerID().substring("docker://".length());

        DOCKER.killContainerCmd(firstId).exec(); // SIGKILL: exit code 137

        Pod restarted = awaitPod("crashy", "restarted once", p -> restartCount(p, "main") == 1
            && container(p, "main").state().running() != null);
        var status = container(restarted, "main");
        assertThat(status.containerID()).isNotEqualTo("docker://" + firstId);
        assertThat(status.lastState().terminated().exitCode()).isEqualTo(137);
        assertThat(status.lastState().terminated().reason()).isEqualTo("Error");
        assertThat(restarted.status().phase()).isEqualTo("Running");

        String previous = apiLog("crashy", "previous=true");
        String current = apiLog("crashy", "");
        assertThat(previous).startsWith("200 started at ");
        assertThat(current).startsWith("200 started at ").isNotEqualTo(previous);
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        createPod("""
            {"metadata":{"name":"sick","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"main","image":"%IMAGE%",
                 "command":["sh","-c","touch /tmp/healthy; trap 'exit 143' TERM; sleep 2; rm /tmp/healthy; while true; do sleep 1; done"],
                 "livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]},"periodSeconds":1,"failureThreshold":2}}]}}
            """);

        Pod pod = awaitPod("sick", "restarted by its liveness probe", p -> restartCount(p, "main") >= 1);

        assertThat(container(pod, "main").lastState().terminated()).isNotNull();
        Await.until("Unhealthy and Killing events", TIMEOUT, () -> events("sick").stream().anyMatch(e ->
                e.reason().equals("Unhealthy") && e.message().startsWith("Liveness probe failed: "))
            && events("sick").stream().anyMatch(e -> e.reason().equals("Killing")
                && e.message().equals("Container main failed liveness probe, will be restarted")));
    }

    @Test
    void aFailingReadinessProbeLeavesThePodRunningButNotReady() {
        createPod("""
            {"metadata":{"name":"shy","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"web","image":"%IMAGE%",
                 "command":["sh","-c","mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 8080 -h /www"],
                 "ports":[{"name":"http","containerPort":8080}],
                 "readinessProbe":{"httpGet":{"path":"/ready","port":"http"},"periodSeconds":1,"failureThreshold":1}}]}}
            """);

        Pod pod = awaitPod("shy", "Running with its readiness probe failing", p -> running(p)
            && container(p, "web") != null && container(p, "web").state().running() != null);
        Await.until("a failed readiness probe", TIMEOUT, () -> events("shy").stream().anyMatch(e ->
            e.reason().equals("Unhealthy") && e.message().equals("Readiness probe failed: HTTP probe failed with statuscode: 404")));

        pod = get("shy");
        assertThat(pod.status().phase()).isEqualTo("Running");
        assertThat(ready(pod)).isFalse();
        assertThat(container(pod, "web").ready()).isFalse();
        assertThat(restartCount(pod, "web")).isZero();
        assertThat(pod.status().conditions()).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("ContainersReady");
            assertThat(c.status()).isEqualTo("False");
            assertThat(c.message()).isEqualTo("containers with unready status: [web]");
        });
    }

    @Test
    void anUnknownImageGivesErrImagePullThenImagePullBackOffAndNothingElseBreaks() {
        List<String> reasons = recordWaitingReasons("missing", "main");
        createPod("""
            {"metadata":{"name":"missing","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","containers":[{"name":"main","image":"j8s.local/no-such-image:1"}]}}
            """);
        createPod("""
            {"metadata":{"name":"fine","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "containers":[{"name":"main","image":"%IMAGE%","command":["sleep","600"]}]}}
            """);

        Pod backingOff = awaitPod("missing", "ImagePullBackOff", p -> container(p, "main") != null
            && container(p, "main").state().waiting() != null
            && container(p, "main").state().waiting().reason().equals("ImagePullBackOff"));
        assertThat(backingOff.status().phase()).isEqualTo("Pending");
        Await.until("ErrImagePull before ImagePullBackOff", TIMEOUT, () -> reasons.contains("ErrImagePull")
            && reasons.indexOf("ErrImagePull") < reasons.lastIndexOf("ImagePullBackOff"));
        Await.until("a Failed event with Docker's message", TIMEOUT, () -> events("missing").stream().anyMatch(e ->
            e.reason().equals("Failed") && e.message().startsWith("Failed to pull image \"j8s.local/no-such-image:1\": ")
                && e.message().length() > "Failed to pull image \"j8s.local/no-such-image:1\": ".length()));
        awaitPod("fine", "Running", p -> running(p) && ready(p));
        Await.until("Pulling, Failed and BackOff events", TIMEOUT, () ->
            eventReasons("missing").containsAll(java.util.List.of("Pulling", "Failed", "BackOff")));
    }

    @Test
    void twoContainersShareLocalhostAndAnEmptyDirAndTheirLogsComeThroughTheApiServer() throws Exception {
        createPod("""
            {"metadata":{"name":"pair","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "volumes":[{"name":"shared","emptyDir":{}}],
               "containers":[
                 {"name":"server","image":"%IMAGE%","command":["httpd","-f","-p","8080","-h","/data"],
                  "volumeMounts":[{"name":"shared","mountPath":"/data"}],"ports":[{"containerPort":8080}]},
                 {"name":"client","image":"%IMAGE%",
                  "command":["sh","-c","echo hello from the emptyDir > /data/index.html; trap 'exit 0' TERM; while true; do wget -q -O- http://127.0.0.1:8080/index.html; sleep 1; done"],
                  "volumeMounts":[{"name":"shared","mountPath":"/data"}]}]}}
            """);
        Pod pod = awaitPod("pair", "Running and Ready", p -> running(p) && ready(p));
        int hostPort = HostPorts.hostPort(pod, 8080, "TCP").orElseThrow();

        Await.until("the server container serves what the client container wrote", TIMEOUT, () -> {
            try {
                return httpGet("http://127.0.0.1:" + hostPort + "/index.html").equals("200 hello from the emptyDir\n");
            } catch (Exception e) {
                return false;
            }
        });
        Await.until("the client reached the server on localhost", TIMEOUT,
            () -> apiLog("pair", "container=client").contains("hello from the emptyDir"));
        assertThat(apiLog("pair", "")).isEqualTo("400 {\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"a container name must be specified for pod pair, choose one of: "
            + "[server client]\",\"reason\":\"BadRequest\",\"code\":400}");
        assertThat(apiLog("pair", "container=nope")).startsWith("400 ").contains("container nope is not valid for pod pair");
        assertThat(apiLog("pair", "container=client&tailLines=1").lines().count()).isEqualTo(1);
        assertThat(followFirstLine("pair", "client")).isEqualTo("hello from the emptyDir");
    }

    @Test
    void aGracefulDeleteStopsAndRemovesTheContainersThenThePodIsGone() {
        createPod("""
            {"metadata":{"name":"doomed","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":20,
               "containers":[{"name":"main","image":"%IMAGE%",
                 "command":["sh","-c","trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"]}]}}
            """);
        awaitPod("doomed", "Running", p -> running(p) && ready(p));
        assertThat(dockerContainers("doomed")).hasSize(2);
        long start = System.nanoTime();

        client.delete(io.j8s.common.api.Resources.PODS, ns, "doomed", null).block(TIMEOUT);

        awaitGone("doomed");
        assertThat(dockerContainers("doomed")).isEmpty();
        // SIGTERM was honoured: far quicker than the 20 s grace period that SIGKILL would have waited for.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void aHostNetworkPodListensOnTheHostItself() throws Exception {
        int port = io.j8s.testsupport.Ports.free();
        createPod("""
            {"metadata":{"name":"on-host","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","hostNetwork":true,"terminationGracePeriodSeconds":1,
               "containers":[{"name":"web","image":"%IMAGE%",
                 "command":["sh","-c","mkdir -p /www && echo on the host > /www/index.html && exec httpd -f -p 127.0.0.1:PORT -h /www"],
                 "ports":[{"containerPort":PORT}]}]}}
            """.replace("PORT", Integer.toString(port)));

        Pod pod = awaitPod("on-host", "Running", p -> running(p) && ready(p));

        assertThat(pod.status().podIP()).isEqualTo("127.0.0.1");
        assertThat(pod.metadata().annotationsOrEmpty()).doesNotContainKey(HostPorts.ANNOTATION);
        Await.until("httpd answers on the host's own port", TIMEOUT, () -> {
            try {
                return httpGet("http://127.0.0.1:" + port + "/").equals("200 on the host\n");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** {@code GET pods/{name}/log} through the API server: "<code> <body>". */
    /** The first line of a followed log, read while the stream stays open. */
    private String followFirstLine(String pod, String container) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ApiServerProcess.shared().url()
            + "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?follow=true&tailLines=0&container=" + container)).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(15, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
