package io.j8s.apiserver.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;

/**
 * Parallel kept-alive HTTP/1.1 connections, each sending its requests one after the other and reading each answer
 * before the next (as curl with several URLs does): what showed the server leaving a connection unread after a
 * response. A request not answered within the timeout is a stall; the connection is then dropped and a new one
 * opened.
 */
final class KeepAliveHammer {

    /** One request of the mix: method, path and bearer token. */
    record Request(String method, String path, String token) {
    }

    /** What a run saw: answers by code, and every request that got no answer in time. */
    record Result(int requests, Map<Integer, Integer> codes, List<String> stalls, long millis) {

        @Override
        public String toString() {
            return requests + " requests in " + millis + " ms, codes " + codes + ", " + stalls.size() + " stalls"
                + (stalls.isEmpty() ? "" : ": " + stalls);
        }
    }

    private final SocketFactory sockets;
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private java.util.function.IntConsumer onStall = localPort -> { };

    KeepAliveHammer(SocketFactory sockets, String host, int port, int timeoutMillis) {
        this.sockets = sockets;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Called with the client's local port while a stalled connection is still open, e.g. to look at it. */
    KeepAliveHammer onStall(java.util.function.IntConsumer action) {
        this.onStall = action;
        return this;
    }

    /** {@code connections} connections at once, each sending {@code perConnection} requests cycling over {@code mix}. */
    Result run(int connections, int perConnection, List<Request> mix) throws Exception {
        Map<Integer, Integer> codes = new ConcurrentHashMap<>();
        List<String> stalls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int offset = c;
                running.add(pool.submit(() -> {
                    connection(offset, perConnection, mix, codes, stalls, sent);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(sent.get(), new TreeMap<>(codes), List.copyOf(stalls),
            (System.nanoTime() - start) / 1_000_000);
    }

    private void connection(int offset, int count, List<Request> mix, Map<Integer, Integer> codes,
                            List<String> stalls, AtomicInteger sent) throws IOException {
        Socket socket = null;
        try {
            for (int i = 0; i < count; i++) {
                if (socket == null) {
                    socket = sockets.createSocket(host, port);
                    socket.setSoTimeout(timeoutMillis);
                }
                Request request = mix.get((offset + i) % mix.size());
                sent.incrementAndGet();
                long begin = System.nanoTime();
                try {
                    int code = exchange(socket, request);
                    codes.merge(code, 1, Integer::sum);
                } catch (SocketTimeoutException e) {
                    stalls.add("request " + i + " of connection " + offset + " from port " + socket.getLocalPort() + " (" + request.method() + " "
                        + request.path() + ") no answer in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
                    onStall.accept(socket.getLocalPort());
                    socket.close();
                    socket = null;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** Sends one request and reads its whole answer; returns the status code. */
    private int exchange(Socket socket, Request request) throws IOException {
        StringBuilder head = new StringBuilder()
            .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append(':').append(port).append("\r\n")
            .append("Accept: application/json\r\n")
            .append("User-Agent: keep-alive-hammer\r\n");
        if (request.token() != null) {
            head.append("Authorization: Bearer ").append(request.token()).append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        int code = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length >= 0) {
            skip(in, length);
        } else {
            throw new IOException("answer without Content-Length or chunked body: " + statusLine);
        }
        return code;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static void skip(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[8192];
        while (count > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, count));
            if (read < 0) {
                throw new IOException("connection closed by the server in a body");
            }
            count -= read;
        }
    }
}
