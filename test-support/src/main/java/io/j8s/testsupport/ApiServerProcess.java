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
 * The real API server, run from its built jar as its own process on a free port over a private etcd and
 * Redis: what the controllers, scheduler and node agent talk to in their integration tests, as they do in a
 * cluster. Build the API server first ({@code mvn verify} from the root does, in reactor order).
 */
public final class ApiServerProcess implements AutoCloseable {

    private static ApiServerProcess shared;

    private final EtcdServerProcess etcd;
    private final RedisServerProcess redis;
    private final int port;
    private final File log;
    private Process process;
    private List<String> arguments = List.of();

    private ApiServerProcess(EtcdServerProcess etcd, RedisServerProcess redis) throws IOException {
        this.etcd = etcd;
        this.redis = redis;
        this.port = Ports.free();
        this.log = Files.createTempFile("j8s-api-server-test", ".log").toFile();
    }

    /** One API server (with its own etcd and Redis) for the whole test JVM, stopped when the JVM exits. */
    public static synchronized ApiServerProcess shared() {
        if (shared == null) {
            try {
                shared = start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the API server for tests", e);
            }
        }
        return shared;
    }

    /** A private API server with its own etcd and Redis; close it when done. */
    public static ApiServerProcess start(String... extraArguments) throws IOException {
        ApiServerProcess server = new ApiServerProcess(EtcdServerProcess.startPrivate(), RedisServerProcess.start());
        server.launch(List.of(extraArguments));
        return server;
    }

    /** The operating-system process id (benchmarks read its CPU time from {@code /proc}); -1 when not running. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public EtcdServerProcess etcd() {
        return etcd;
    }

    public RedisServerProcess redis() {
        return redis;
    }

    /** Stops only the API server process (etcd and Redis keep running), e.g. to break every watch. */
    public void stopServer() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the API server again on the same port, after {@link #stopServer()}. */
    public void startServer() throws IOException {
        launch(arguments);
    }

    private void launch(List<String> extraArguments) throws IOException {
        this.arguments = List.copyOf(extraArguments);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-jar", jar().toString(),
            "--server.port=" + port,
            "--j8s.etcd.endpoints=" + etcd.endpoint(),
            "--spring.data.redis.port=" + redis.port()));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        waitUntilReady();
    }

    /** Ready means the default namespace exists: the server is up and has bootstrapped its namespaces. */
    private void waitUntilReady() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the API server exited; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url() + "/api/v1/namespaces/default")
                    .toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Await.sleep(250);
        }
        throw new IOException("the API server did not become ready; see " + log);
    }

    /** The API server's boot jar, found from the working directory up to the repository root. */
    static Path jar() throws IOException {
        return jar("api-server-service");
    }

    /** A module's boot jar ({@code <module>/target/<module>-<version>.jar}) above the working directory. */
    static Path jar(String module) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path target = dir.resolve(module).resolve("target");
            if (Files.isDirectory(target)) {
                try (var files = Files.list(target)) {
                    return files.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(module)
                            + "-[0-9].*\\.jar"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no " + module + " jar in " + target
                            + ": build it first (mvn -pl " + module + " -am package -DskipTests)"));
                }
            }
            dir = dir.getParent();
        }
        throw new IOException("cannot find " + module + "/target above " + Path.of("").toAbsolutePath());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        stopServer();
        redis.close();
        etcd.close();
    }
}
