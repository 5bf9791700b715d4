package io.j8s.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.testsupport.ApiServerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two controller-service processes (the built jar) against one API server: exactly one holds the Lease
 * {@code kube-system/kube-controller-manager} and only it acts; killed with SIGKILL, the other takes over
 * within the lease duration (15 s) and a retry period (2 s); stopped cleanly (SIGTERM), it releases the Lease
 * and the other takes over at once.
 *
 * <p>The API server is a private one: the controller manager the other integration tests run inside this
 * JVM would otherwise compete for the same Lease.
 */
class LeaderElectionIT {

    private static final String LEASE_NAMESPACE = "kube-system";
    private static final String LEASE_NAME = "kube-controller-manager";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    private static ApiServerProcess apiServer;
    private static ApiClient client;
    private final List<ControllerProcess> processes = new ArrayList<>();

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
    void stopControllers() {
        processes.forEach(ControllerProcess::kill);
    }

    @Test
    void onlyTheLeaderActsAndTheOtherTakesOverWhenItIsKilledOrStopped() throws Exception {
        ControllerProcess a = start("a");
        ControllerProcess b = start("b");
        await("a leader", STARTUP, () -> holder() != null);
        sleep(RETRY_PERIOD.multipliedBy(3));
        String first = holder();
        assertThat(first).isIn("a", "b");
        ControllerProcess leader = first.equals("a") ? a : b;
        ControllerProcess standby = leader == a ? b : a;
        assertThat(leader.log()).contains("became leader");
        assertThat(standby.log()).doesNotContain("became leader");

        // Only the leader acts: its node lifecycle controller registers a new node; the standby does nothing.
        String node = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        client.create(Resources.NODES, Node.of(ObjectMeta.named(node), NodeSpec.empty())).block(TIMEOUT);
        await("RegisteredNode from the leader", TIMEOUT, () -> registeredBy(node).contains(leader.identity));
        sleep(RETRY_PERIOD);
        assertThat(registeredBy(node)).containsOnly(leader.identity);
        assertThat(holder()).isEqualTo(leader.identity);

        // kill -9: no release; the standby waits for the lease to expire.
        Instant killed = Instant.now();
        leader.kill();
        await("the standby leading", LEASE_DURATION.plus(RETRY_PERIOD).plusSeconds(5),
            () -> standby.identity.equals(holder()));
        Duration takeover = Duration.between(killed, Instant.now());
        assertThat(takeover).isLessThanOrEqualTo(LEASE_DURATION.plus(RETRY_PERIOD).plusSeconds(2));
        await("RegisteredNode from the new leader", TIMEOUT, () -> registeredBy(node).contains(standby.identity));

        // A clean stop (SIGTERM) releases the Lease: the restarted first replica takes over at once.
        ControllerProcess restarted = start(leader.identity);
        await("the restarted replica up", STARTUP, () -> restarted.log().contains("Started ControllerApplication"));
        sleep(RETRY_PERIOD);
        assertThat(holder()).isEqualTo(standby.identity);
        Instant stopped = Instant.now();
        standby.stop();
        await("the restarted replica leading", LEASE_DURATION, () -> restarted.identity.equals(holder()));
        assertThat(Duration.between(stopped, Instant.now())).isLessThan(LEASE_DURATION.dividedBy(2));
        assertThat(standby.log()).contains("released the lease");
    }

    private ControllerProcess start(String identity) throws IOException {
        ControllerProcess process = new ControllerProcess(identity);
        processes.add(process);
        return process;
    }

    private static String holder() {
        try {
            Lease lease = client.get(Resources.LEASES, LEASE_NAMESPACE, LEASE_NAME).block(TIMEOUT);
            String holder = lease == null || lease.spec() == null ? null : lease.spec().holderIdentity();
            return holder == null || holder.isEmpty() ? null : holder;
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** The identities (source.host) that reported the node as registered. */
    private static List<String> registeredBy(String node) {
        return client.list(Resources.EVENTS, "default", ListOptions.fieldSelector("involvedObject.name=" + node))
            .block(TIMEOUT).items().stream()
            .filter(e -> "RegisteredNode".equals(e.reason()))
            .map(Event::source)
            .map(s -> s == null ? null : s.host())
            .distinct()
            .toList();
    }

    /** One controller-service replica, run from its boot jar with its own log file. */
    private static final class ControllerProcess {
        private final String identity;
        private final Process process;
        private final File log;

        ControllerProcess(String identity) throws IOException {
            this.identity = identity;
            this.log = Files.createTempFile("j8s-controller-" + identity + "-", ".log").toFile();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar().toString(),
                "--server.port=0",
                "--j8s.controller.api-server-url=" + apiServer.url(),
                "--j8s.controller.identity=" + identity);
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        }

        String log() {
            try {
                return Files.readString(log.toPath());
            } catch (IOException e) {
                return "";
            }
        }

        /** SIGKILL, as kill -9. */
        void kill() {
            process.destroyForcibly();
            waitFor();
        }

        /** SIGTERM: a clean shutdown. */
        void stop() {
            process.destroy();
            waitFor();
        }

        private void waitFor() {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The controller-service boot jar, built by {@code mvn package} (the verify phase builds it first). */
    static Path jar() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (Path target : List.of(dir.resolve("target"), dir.resolve("controller-service").resolve("target"))) {
                if (Files.isDirectory(target) && target.getParent().getFileName().toString().equals("controller-service")) {
                    try (var files = Files.list(target)) {
                        Optional<Path> jar = files.filter(p -> p.getFileName().toString()
                            .matches("controller-service-.*\\.jar")).findFirst();
                        if (jar.isPresent()) {
                            return jar.get();
                        }
                    }
                }
            }
            dir = dir.getParent();
        }
        throw new IOException("no controller-service jar: build it first (mvn -pl controller-service package -DskipTests)");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
