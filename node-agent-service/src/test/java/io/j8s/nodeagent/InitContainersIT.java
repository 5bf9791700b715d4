package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Init containers on real Docker: run in order in the pod's sandbox before the app containers, each to completion,
 * with the statuses, conditions and kubectl STATUS column a Kubernetes user knows.
 */
class InitContainersIT extends AgentInThisJvmTestBase {

    static final String NODE = uniqueNodeName("it-init");

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        agentFor(registry, NODE);
    }

    @Override
    protected String nodeName() {
        return NODE;
    }

    @Test
    void twoInitContainersWriteToAnEmptyDirInOrderBeforeTheAppServesIt() throws Exception {
        List<String> columns = new CopyOnWriteArrayList<>();
        List<String> initialized = recordInitializedCondition("init-order");
        createPod("""
            {"metadata":{"name":"init-order","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "volumes":[{"name":"work","emptyDir":{}}],
               "initContainers":[
                 {"name":"first","image":"%IMAGE%","command":["sh","-c","sleep 2; echo first >> /work/lines"],
                  "volumeMounts":[{"name":"work","mountPath":"/work"}]},
                 {"name":"second","image":"%IMAGE%","command":["sh","-c","sleep 2; echo second $(POD_NAME) >> /work/lines"],
                  "env":[{"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                  "volumeMounts":[{"name":"work","mountPath":"/work"}]}],
               "containers":[{"name":"web","image":"%IMAGE%","command":["httpd","-f","-p","8080","-h","/work"],
                 "ports":[{"containerPort":8080}],"volumeMounts":[{"name":"work","mountPath":"/work"}]}]}}
            """);

        Await.until("kubectl shows Init:0/2 then Init:1/2", TIMEOUT, () -> {
            String column = kubectlStatus("init-order");
            if (columns.isEmpty() || !columns.get(columns.size() - 1).equals(column)) {
                columns.add(column);
            }
            return column.equals("Init:1/2");
        });
        Pod initializing = get("init-order");
        assertThat(initializing.status().phase()).isEqualTo("Pending");
        assertThat(container(initializing, "web").state().waiting().reason()).isEqualTo("PodInitializing");
        assertThat(initContainer(initializing, "first").state().terminated().reason()).isEqualTo("Completed");
        assertThat(dockerContainerNames("init-order")).doesNotContain("web");

        Pod pod = awaitPod("init-order", "Running and Ready", p -> running(p) && ready(p));
        assertThat(columns).containsSubsequence("Init:0/2", "Init:1/2");
        assertThat(kubectlStatus("init-order")).isEqualTo("Running");
        Integer hostPort = HostPorts.hostPort(pod, 8080, "TCP").orElseThrow();
        assertThat(httpGet("http://127.0.0.1:" + hostPort + "/lines")).isEqualTo("200 first\nsecond init-order\n");

        for (String name : List.of("first", "second")) {
            ContainerStatus status = initContainer(pod, name);
            assertThat(status.state().terminated().exitCode()).as(name).isZero();
            assertThat(status.state().terminated().reason()).as(name).isEqualTo("Completed");
            assertThat(status.ready()).as(name).isTrue();
            assertThat(status.restartCount()).as(name).isZero();
            assertThat(status.containerID()).as(name).startsWith("docker://");
            assertThat(status.imageID()).as(name).startsWith("docker://sha256:");
        }
        assertThat(initContainer(pod, "first").state().terminated().finishedAt())
            .isLessThanOrEqualTo(initContainer(pod, "second").state().terminated().startedAt());
        assertThat(condition(pod, "Initialized").status()).isEqualTo("True");
        assertThat(initialized).contains(
            "False ContainersNotInitialized containers with incomplete status: [first second]",
            "False ContainersNotInitialized containers with incomplete status: [second]");
        Await.until("Created and Started events of the init containers", TIMEOUT, () -> {
            List<String> messages = events("init-order").stream().map(e -> e.message()).toList();
            return messages.containsAll(List.of("Created container first", "Started container first",
                "Created container second", "Started container second", "Started container web"));
        });

        Await.sleep(3000); // a few resyncs: a completed init container must not run again
        assertThat(httpGet("http://127.0.0.1:" + hostPort + "/lines")).isEqualTo("200 first\nsecond init-order\n");
        assertThat(dockerContainerNames("init-order")).containsExactlyInAnyOrder("POD", "first", "second", "web");
    }

    @Test
    void anInitContainerThatFailsUnderRestartPolicyNeverFailsThePodAndTheAppNeverRuns() throws Exception {
        createPod("""
            {"metadata":{"name":"init-never","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,"restartPolicy":"Never",
               "initContainers":[{"name":"setup","image":"%IMAGE%","command":["sh","-c","echo cannot set up; exit 3"]}],
               "containers":[{"name":"app","image":"%IMAGE%","command":["sleep","3600"]}]}}
            """);

        Pod pod = awaitPod("init-never", "Failed", p -> p.status() != null && "Failed".equals(p.status().phase()));
        ContainerStatus setup = initContainer(pod, "setup");
        assertThat(setup.state().terminated().exitCode()).isEqualTo(3);
        assertThat(setup.state().terminated().reason()).isEqualTo("Error");
        assertThat(setup.ready()).isFalse();
        assertThat(container(pod, "app").state().waiting().reason()).isEqualTo("PodInitializing");
        assertThat(condition(pod, "Initialized").status()).isEqualTo("False");
        assertThat(kubectlStatus("init-never")).isEqualTo("Init:Error");
        assertThat(apiLog("init-never", "container=setup")).isEqualTo("200 cannot set up\n");

        Await.sleep(3000); // a few resyncs: nothing runs again
        Pod later = get("init-never");
        assertThat(later.status().phase()).isEqualTo("Failed");
        assertThat(initContainer(later, "setup").restartCount()).isZero();
        assertThat(dockerContainerNames("init-never")).containsExactlyInAnyOrder("POD", "setup");
    }

    @Test
    void aFailingInitContainerUnderRestartPolicyAlwaysLoopsWithBackOffUntilThePodIsReplaced() throws Exception {
        String broken = """
            {"metadata":{"name":"init-loop","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "initContainers":[{"name":"wait-for-db","image":"%IMAGE%","command":["sh","-c","%SCRIPT%"]}],
               "containers":[{"name":"app","image":"%IMAGE%","command":["sleep","3600"]}]}}
            """;
        createPod(broken.replace("%SCRIPT%", "echo no db; exit 1"));

        Pod looping = awaitPod("init-loop", "in CrashLoopBackOff", p -> {
            ContainerStatus s = initContainer(p, "wait-for-db");
            return s != null && s.state().waiting() != null && "CrashLoopBackOff".equals(s.state().waiting().reason());
        });
        ContainerStatus status = initContainer(looping, "wait-for-db");
        assertThat(status.restartCount()).isGreaterThanOrEqualTo(1);
        assertThat(status.lastState().terminated().exitCode()).isEqualTo(1);
        assertThat(status.lastState().terminated().reason()).isEqualTo("Error");
        assertThat(looping.status().phase()).isEqualTo("Pending");
        assertThat(container(looping, "app").state().waiting().reason()).isEqualTo("PodInitializing");
        assertThat(kubectlStatus("init-loop")).isEqualTo("Init:CrashLoopBackOff");
        int restarts = status.restartCount();
        // The back-off is 10 s after the first restart, doubling: the next restart comes within ~20 s.
        awaitPod("init-loop", "restarted again", Duration.ofSeconds(45),
            p -> initContainer(p, "wait-for-db").restartCount() > restarts);
        assertThat(dockerContainerNames("init-loop")).doesNotContain("app");
        Await.until("BackOff events", TIMEOUT, () -> eventReasons("init-loop").contains("BackOff"));

        // The fix, as a user makes it: replace the pod with one whose init container succeeds.
        client.delete(Resources.PODS, ns, "init-loop", DeleteOptions.defaults()).block(TIMEOUT);
        awaitGone("init-loop");
        createPod(broken.replace("%SCRIPT%", "echo db is up"));
        Pod fixed = awaitPod("init-loop", "Running", p -> running(p) && ready(p));
        assertThat(initContainer(fixed, "wait-for-db").restartCount()).isZero();
        assertThat(initContainer(fixed, "wait-for-db").state().terminated().reason()).isEqualTo("Completed");
    }

    @Test
    void aSidecarInitContainerIsRefusedOutLoudAndNothingOfThePodRuns() throws Exception {
        createPod("""
            {"metadata":{"name":"sidecar","namespace":"%NS%"},
             "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
               "initContainers":[{"name":"proxy","image":"%IMAGE%","restartPolicy":"Always","command":["sleep","3600"]},
                                 {"name":"setup","image":"%IMAGE%","command":["true"]}],
               "containers":[{"name":"app","image":"%IMAGE%","command":["sleep","3600"]}]}}
            """);

        Pod pod = awaitPod("sidecar", "refused", p -> {
            ContainerStatus s = initContainer(p, "proxy");
            return s != null && s.state().waiting() != null;
        });
        assertThat(initContainer(pod, "proxy").state().waiting().reason()).isEqualTo("CreateContainerConfigError");
        assertThat(initContainer(pod, "proxy").state().waiting().message())
            .contains("restartPolicy Always (sidecar) not supported by j8s");
        assertThat(pod.status().phase()).isEqualTo("Pending");
        assertThat(kubectlStatus("sidecar")).isEqualTo("Init:CreateContainerConfigError");
        Await.until("a warning event saying so", TIMEOUT, () -> events("sidecar").stream()
            .anyMatch(e -> "Warning".equals(e.type()) && e.message().contains("not supported by j8s")));
        assertThat(dockerContainerNames("sidecar")).containsExactly("POD");
    }

    private static PodCondition condition(Pod pod, String type) {
        return pod.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    /** Every Initialized condition the pod shows, from a watch ("status reason message"). */
    private List<String> recordInitializedCondition(String pod) {
        List<String> seen = new CopyOnWriteArrayList<>();
        watchPod(pod, p -> {
            if (p.status() != null && p.status().conditions() != null) {
                p.status().conditions().stream().filter(c -> c.type().equals("Initialized"))
                    .forEach(c -> seen.add(c.status() + " " + c.reason() + " " + c.message()));
            }
        });
        return seen;
    }
}
