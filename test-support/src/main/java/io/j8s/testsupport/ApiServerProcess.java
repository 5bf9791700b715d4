package io.j8s.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real API server, run from its built jar as its own process on a free port over a private etcd and
 * Redis: what the controllers, scheduler and node agent talk to in their integration tests, as they do in a
 * cluster. Build the API server first ({@code mvn verify} from the root does, in reactor order).
 *
 * <p>Two modes: {@link #start} and {@link #shared} run it in development mode (plain HTTP, no authentication, every
 * request a cluster admin), for tests about everything but security; {@link #startSecure} runs it as a cluster does,
 * HTTPS with a CA and serving certificate made by {@code scripts/pki.sh}, a token file with an admin, tokens added
 * with {@link #addUser}, client certificates from the same CA and an audit log.
 */
public final class ApiServerProcess implements AutoCloseable {

    private static ApiServerProcess shared;

    private static final String ADMIN = "admin";

    private final EtcdServerProcess etcd;
    private final RedisServerProcess redis;
    private final int port;
    private final File log;
    private final Path pki;
    private final String adminToken;
    private Process process;
    private List<String> arguments = List.of();

    private ApiServerProcess(EtcdServerProcess etcd, RedisServerProcess redis, Path pki) throws IOException {
        this.etcd = etcd;
        this.redis = redis;
        this.port = Ports.free();
        this.log = Files.createTempFile("j8s-api-server-test", ".log").toFile();
        this.pki = pki;
        this.adminToken = pki == null ? null : randomToken();
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

    /** A private API server in development mode with its own etcd and Redis; close it when done. */
    public static ApiServerProcess start(String... extraArguments) throws IOException {
        ApiServerProcess server = new ApiServerProcess(EtcdServerProcess.startPrivate(), RedisServerProcess.start(),
            null);
        List<String> arguments = new ArrayList<>(List.of("--j8s.security.insecure=true"));
        arguments.addAll(List.of(extraArguments));
        return server.launchOrClose(arguments);
    }

    /**
     * A private API server secured as in a cluster, with its own etcd and Redis: HTTPS, the token file (an admin in
     * {@code system:masters} to start with), client certificates and the audit log ({@link #auditLog()}).
     */
    public static ApiServerProcess startSecure(String... extraArguments) throws IOException {
        Path pki = Files.createTempDirectory("j8s-pki");
        run(List.of(script("pki.sh").toString(), pki.toString()));
        ApiServerProcess server = new ApiServerProcess(EtcdServerProcess.startPrivate(), RedisServerProcess.start(),
            pki);
        Files.writeString(server.tokenFile(), server.adminToken + "," + ADMIN + ",admin-uid,\"system:masters\"\n");
        List<String> arguments = new ArrayList<>(List.of(
            "--j8s.security.tls.cert-file=" + pki.resolve("apiserver.crt"),
            "--j8s.security.tls.key-file=" + pki.resolve("apiserver.key"),
            "--j8s.security.tls.client-ca-file=" + pki.resolve("ca.crt"),
            "--j8s.security.authentication.token-auth-file=" + server.tokenFile(),
            "--j8s.security.authentication.reload-interval=200ms",
            "--j8s.audit.log-path=" + server.auditLog()));
        arguments.addAll(List.of(extraArguments));
        return server.launchOrClose(arguments);
    }

    /** Starts the server; if it does not come up, nothing it started is left running. */
    private ApiServerProcess launchOrClose(List<String> arguments) throws IOException {
        try {
            launch(arguments);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public boolean secure() {
        return pki != null;
    }

    /** The CA that signed the serving certificate (secure mode). */
    public Path caFile() {
        return requireSecure().resolve("ca.crt");
    }

    /** A token of {@code admin} in {@code system:masters} (secure mode). */
    public String adminToken() {
        requireSecure();
        return adminToken;
    }

    /** The audit log the server writes (secure mode). */
    public Path auditLog() {
        return requireSecure().resolve("audit.log");
    }

    /**
     * Adds a user to the token file and returns its new token, once the server accepts it (the file is reloaded
     * within 200 ms).
     */
    public synchronized String addUser(String name, String... groups) throws IOException {
        String token = randomToken();
        Files.writeString(tokenFile(), token + "," + name + "," + name + "-uid,\"" + String.join(",", groups)
            + "\"\n", StandardOpenOption.APPEND);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (status("/apis", token) != 401) {
                return token;
            }
            Await.sleep(100);
        }
        throw new IOException("the API server did not pick up the new token of " + name);
    }

    /**
     * A client certificate for {@code name} in {@code groups}, signed by the cluster CA: {@code [certificate, key]}
     * PEM files.
     */
    public Path[] clientCertificate(String name, String... groups) throws IOException {
        List<String> command = new ArrayList<>(List.of(script("pki.sh").toString(), requireSecure().toString(),
            "client", name));
        command.addAll(List.of(groups));
        run(command);
        return new Path[] {pki.resolve(name + ".crt"), pki.resolve(name + ".key")};
    }

    /** The HTTP status of {@code GET path} with {@code token} (null: none), over this server's TLS. */
    public int status(String path, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(sslContext().getSocketFactory());
        }
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** A TLS context that trusts exactly this server's CA. */
    public SSLContext sslContext() throws IOException {
        try (InputStream in = Files.newInputStream(caFile())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caFile() + ": " + e.getMessage(), e);
        }
    }

    private Path tokenFile() {
        return requireSecure().resolve("tokens.csv");
    }

    private Path requireSecure() {
        if (pki == null) {
            throw new IllegalStateException("this API server runs in development mode: use startSecure()");
        }
        return pki;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The operating-system process id (benchmarks read its CPU time from {@code /proc}); -1 when not running. */
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    /** {@code http://127.0.0.1:<port>} in development mode, {@code https://127.0.0.1:<port>} when secure. */
    public String url() {
        return (pki == null ? "http" : "https") + "://127.0.0.1:" + port;
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

    /**
     * Ready means the default namespace exists (the server is up and has bootstrapped its namespaces) and, when
     * secure, {@code /readyz} says the RBAC policy is loaded. Generous: a loaded CI machine takes its time.
     */
    private void waitUntilReady() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the API server exited; see " + log);
            }
            try {
                if (status("/api/v1/namespaces/default", adminToken) == 200
                    && (pki == null || status("/readyz", null) == 200)) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Await.sleep(250);
        }
        throw new IOException("the API server did not become ready; see " + log);
    }

    /** A script of the repository's {@code scripts/} directory, found from the working directory up. */
    static Path script(String name) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path script = dir.resolve("scripts").resolve(name);
            if (Files.isRegularFile(script)) {
                return script;
            }
            dir = dir.getParent();
        }
        throw new IOException("cannot find scripts/" + name + " above " + Path.of("").toAbsolutePath());
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
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
