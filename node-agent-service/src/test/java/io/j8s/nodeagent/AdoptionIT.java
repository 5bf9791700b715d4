package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import io.j8s.testsupport.ServiceProcess;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The node agent as its own process, killed with SIGKILL and started again: it adopts the containers it left
 * running (no duplicates, no restarts) and removes those of pods deleted while it was down.
 */
class AdoptionIT extends NodeAgentTestBase {

    static final String NODE = uniqueNodeName("it-adopt");

    @Override
    protected String nodeName() {
        return NODE;
    }

    @AfterAll
    static void removeContainers() {
        removeContainersOf(NODE);
    }

    private static ServiceProcess startAgent() throws IOException {
        return ServiceProcess.start("node-agent-service",
            "--j8s.node-agent.api-server-url=" + ApiServerProcess.shared().url(),
            "--j8s.node-agent.node-name=" + NODE,
            "--j8s.node-agent.lease-renew-interval=2s",
            "--j8s.node-agent.resync-interval=2s");
    }

    @Test
    void anAgentKilledWithSigkillAdoptsItsContainersWhenItComesBack() throws Exception {
        ServiceProcess agent = startAgent();
        try {
            for (String name : List.of("keeper", "goner")) {
                createPod("""
                    {"metadata":{"name":"%s","namespace":"%NS%"},
                     "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
                       "containers":[{"name":"main","image":"%IMAGE%",
                         "command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 1; done"],
                         "ports":[{"containerPort":8080}]}]}}
                    """.replace("%s", name));
            }
            Pod keeper = awaitPod("keeper", "Running", p -> running(p) && ready(p));
            awaitPod("goner", "Running", p -> running(p) && ready(p));
            String containerId = container(keeper, "main").containerID();
            String hostPorts = keeper.metadata().annotations().get("j8s.io/host-ports");

            agent.kill();
            // While the agent is down, "goner" is force-deleted (as kubectl delete --force does).
            client.delete(Resources.PODS, ns, "goner", DeleteOptions.defaults().withGracePeriodSeconds(0L)).block(TIMEOUT);
            assertThat(dockerContainers("goner")).hasSize(2);

            agent = startAgent();

            Await.until("the deleted pod's containers removed", TIMEOUT, () -> dockerContainers("goner").isEmpty());
            Await.sleep(3000); // a few resyncs: long enough for a wrong restart to show
            Pod adopted = get("keeper");
            assertThat(container(adopted, "main").containerID()).isEqualTo(containerId);
            assertThat(restartCount(adopted, "main")).isZero();
            assertThat(ready(adopted)).isTrue();
            assertThat(adopted.metadata().annotations()).containsEntry("j8s.io/host-ports", hostPorts);
            assertThat(dockerContainers("keeper")).hasSize(2)
                .allSatisfy(c -> assertThat(c.getState()).isEqualTo("running"));
        } finally {
            agent.close();
        }
    }

    private static String logOf(ServiceProcess process) {
        try {
            return java.nio.file.Files.readString(process.log().toPath());
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void anAgentKilledWithSigkillWhileTheAppRunsDoesNotRunTheInitContainersAgain() throws Exception {
        ServiceProcess agent = startAgent();
        try {
            createPod("""
                {"metadata":{"name":"initialized","namespace":"%NS%"},
                 "spec":{"nodeName":"%NODE%","terminationGracePeriodSeconds":1,
                   "volumes":[{"name":"work","emptyDir":{}}],
                   "initContainers":[{"name":"setup","image":"%IMAGE%","command":["sh","-c","echo ran >> /work/runs"],
                     "volumeMounts":[{"name":"work","mountPath":"/work"}]}],
                   "containers":[{"name":"main","image":"%IMAGE%",
                     "command":["sh","-c","trap 'exit 0' TERM; while true; do sleep 1; done"],
                     "volumeMounts":[{"name":"work","mountPath":"/work"}]}]}}
                """);
            Pod before = awaitPod("initialized", "Running", p -> running(p) && ready(p));
            String setupId = initContainer(before, "setup").containerID();
            String mainId = container(before, "main").containerID();

            agent.kill();
            agent = startAgent();

            ServiceProcess restarted = agent;
            Await.until("the agent back with its pod workers", TIMEOUT, () -> logOf(restarted)
                .contains("controller pods: caches synced"));
            Await.sleep(4000); // a few resyncs: long enough for a wrong re-run of the init container to show
            Pod after = get("initialized");
            assertThat(initContainer(after, "setup").containerID()).isEqualTo(setupId);
            assertThat(initContainer(after, "setup").restartCount()).isZero();
            assertThat(initContainer(after, "setup").state().terminated().reason()).isEqualTo("Completed");
            assertThat(container(after, "main").containerID()).isEqualTo(mainId);
            assertThat(ready(after)).isTrue();
            assertThat(dockerContainerNames("initialized")).containsExactlyInAnyOrder("POD", "setup", "main");
            var runs = DOCKER.execCreateCmd(mainId.substring("docker://".length()))
                .withCmd("cat", "/work/runs").withAttachStdout(true).exec();
            var output = new java.io.ByteArrayOutputStream();
            DOCKER.execStartCmd(runs.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                    com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                    output.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(output.toString()).isEqualTo("ran\n");
        } finally {
            agent.close();
        }
    }
}
