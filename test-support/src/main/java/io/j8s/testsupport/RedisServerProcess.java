package io.j8s.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for integration tests: started on a free port without persistence, stopped (and
 * restartable on the same port) by the test. Set {@code REDIS_SERVER} to use another binary than
 * {@code /usr/bin/redis-server} or the one on the PATH.
 *
 * <pre>{@code
 * static RedisServerProcess redis = RedisServerProcess.start();
 * ... new RedisStandaloneConfiguration("127.0.0.1", redis.port()) ...
 * redis.close();
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private final Path log;
    private Process process;

    private RedisServerProcess(int port) throws IOException {
        this.port = port;
        this.log = Files.createTempFile("redis-server-" + port + "-", ".log");
    }

    /** Starts a server on a free port and waits until it answers PING. */
    public static RedisServerProcess start() {
        try {
            RedisServerProcess server = new RedisServerProcess(Ports.free());
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL); it can be started again on the same port with {@link #restart}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same port (empty, as there is no persistence). */
    public synchronized void restart() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and returns the first line of the reply (e.g. {@code +OK}, {@code :3}). */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flushAll() {
        String reply = command("FLUSHALL");
        if (!"+OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private void startProcess() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(executable(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING:\n" + Files.readString(log));
    }

    private static String executable() {
        String configured = System.getenv("REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "redis-server";
    }
}
