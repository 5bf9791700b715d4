package io.j8s.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd server for tests, started from the installed {@code etcd} binary on free loopback ports with its
 * own data directory. It can be stopped and started again on the same ports and data, to test outages.
 */
public final class EtcdServerProcess implements AutoCloseable {

    private static EtcdServerProcess shared;

    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private final File log;
    private Process process;

    private EtcdServerProcess() throws IOException {
        this.dataDir = Files.createTempDirectory("j8s-etcd-test");
        this.clientPort = Ports.free();
        this.peerPort = Ports.free();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
    }

    /** One etcd for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized EtcdServerProcess shared() {
        if (shared == null) {
            try {
                shared = new EtcdServerProcess();
                shared.start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start etcd for tests (is etcd-server installed?)", e);
            }
        }
        return shared;
    }

    /** A private etcd, for tests that stop it. */
    public static EtcdServerProcess startPrivate() throws IOException {
        EtcdServerProcess etcd = new EtcdServerProcess();
        etcd.start();
        return etcd;
    }

    /** The operating-system process id (benchmarks read its CPU time from {@code /proc}); -1 when not running. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    public synchronized void start() throws IOException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(List.of("etcd", "--name", "test", "--data-dir", dataDir.toString(),
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", "test=" + peer))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
        waitUntilHealthy();
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Runs etcdctl against this server and returns its output. */
    public String etcdctl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoint()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process ctl = builder.start();
        String output = new String(ctl.getInputStream().readAllBytes());
        if (ctl.waitFor() != 0) {
            throw new IOException("etcdctl " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private void waitUntilHealthy() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (etcdctl("endpoint", "health").contains("is healthy")) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (process != null && !process.isAlive()) {
                throw new IOException("etcd exited; see " + log);
            }
            Await.sleep(200);
        }
        throw new IOException("etcd did not become healthy; see " + log);
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // temp files; nothing else to do
        }
    }
}
