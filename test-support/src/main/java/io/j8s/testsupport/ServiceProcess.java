package io.j8s.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A j8s service (scheduler, controller manager, ...) run from its built boot jar as its own process on a free
 * port, healthy when {@code /actuator/health} answers 200: how benchmarks and failover tests run components
 * as a cluster does. Build the module first.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final int port;
    private final File log;
    private Process process;

    private ServiceProcess(String module) throws IOException {
        this.module = module;
        this.port = Ports.free();
        this.log = Files.createTempFile("j8s-" + module, ".log").toFile();
    }

    /** Starts {@code module}'s jar with {@code arguments} and waits until it is healthy. */
    public static ServiceProcess start(String module, String... arguments) throws IOException {
        ServiceProcess service = new ServiceProcess(module);
        service.launch(List.of(arguments));
        return service;
    }

    /** The operating-system process id (benchmarks read its CPU time from {@code /proc}); -1 when not running. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    public int port() {
        return port;
    }

    public File log() {
        return log;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void launch(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-jar", ApiServerProcess.jar(module).toString(), "--server.port=" + port));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(module + " exited; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                    + "/actuator/health").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException(module + " did not become healthy; see " + log);
    }

    /** SIGKILL, as a crash: no shutdown hooks, no released Leases. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, waiting for a clean shutdown. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
