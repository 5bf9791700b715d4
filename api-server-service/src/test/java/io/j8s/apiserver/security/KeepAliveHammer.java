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
import java.util.Locale;
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

    KeepAliveHammer(SocketFactory sockets, String host, int port, int timeoutMillis) {
        this.sockets = sockets;
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code connections} connections at once, each sending {@code perConnection} requests going round {@code mix}. */
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
                    stalls.add("request " + i + " of connection " + offset + " from port " + socket.getLocalPort()
                        + " (" + request.method() + " " + request.path() + ") no answer in "
                        + (System.nanoTime() - begin) / 1_000_000 + " ms");
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

    /**
     * On a new connection, writes {@code pipelined} in one go (HTTP/1.1 pipelining) and reads their answers, then
     * sends {@code then} as a kept-alive request: returns the codes of all answers, or throws
     * {@link SocketTimeoutException} when one of them does not come in time.
     */
    List<Integer> pipelinedThen(List<Request> pipelined, Request then) throws IOException {
        try (Socket socket = sockets.createSocket(host, port)) {
            socket.setSoTimeout(timeoutMillis);
            StringBuilder all = new StringBuilder();
            pipelined.forEach(request -> all.append(head(request)));
            OutputStream out = socket.getOutputStream();
            out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < pipelined.size(); i++) {
                codes.add(readAnswer(socket.getInputStream()));
            }
            codes.add(exchange(socket, then));
            return codes;
        }
    }

    /** Sends one request and reads its whole answer; returns the status code. */
    private int exchange(Socket socket, Request request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head(request).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readAnswer(socket.getInputStream());
    }

    private String head(Request request) {
        StringBuilder head = new StringBuilder()
            .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append(':').append(port).append("\r\n")
            .append("Accept: application/json\r\n")
            .append("User-Agent: keep-alive-hammer\r\n");
        if (request.token() != null) {
            head.append("Authorization: Bearer ").append(request.token()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Reads one whole answer (Content-Length or chunked body); returns its status code. */
    private static int readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        int code = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
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

    private static long chunkSize(InputStream in) throws IOException {
        return Long.parseLong(line(in).split(";")[0].trim(), 16);
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
