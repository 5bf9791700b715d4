package io.j8s.proxy;

import io.j8s.testsupport.Await;
import io.j8s.testsupport.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pod stand-in that is a real process of its own ({@code busybox httpd}), serving {@code /who} with its name:
 * for tests that kill a backend the way a pod dies.
 */
final class BusyboxBackend implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path root;
    private Process process;

    private BusyboxBackend(String name) throws IOException {
        this.name = name;
        this.port = Ports.free();
        this.root = Files.createTempDirectory("j8s-proxy-backend-" + name);
        Files.writeString(root.resolve("who"), name);
    }

    static BusyboxBackend start(String name) throws IOException {
        BusyboxBackend backend = new BusyboxBackend(name);
        backend.launch();
        return backend;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** SIGKILL, as a pod dies: no goodbye on open connections, then connections are refused. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts again on the same port. */
    void launch() throws IOException {
        process = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port, "-h", root.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Await.sleep(50);
            }
        }
        throw new IOException("busybox httpd did not listen on " + port);
    }

    @Override
    public void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(root.resolve("who"));
        Files.deleteIfExists(root);
    }
}
