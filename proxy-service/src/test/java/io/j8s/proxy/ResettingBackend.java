package io.j8s.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pod that breaks: it accepts each connection, reads the request head, and resets the connection without
 * answering (a crash mid-request, as the proxy sees one).
 */
final class ResettingBackend implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    ResettingBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "resetting-backend");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Requests whose head arrived before the reset. */
    int requests() {
        return requests.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes();
                int b;
                while (matched < end.length && (b = in.read()) >= 0) {
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                }
                requests.incrementAndGet();
                socket.setSoLinger(true, 0); // close with RST
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
