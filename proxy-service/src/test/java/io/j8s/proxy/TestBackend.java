package io.j8s.proxy;

import io.j8s.common.json.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A pod stand-in: a real HTTP server on 127.0.0.1 that says who it is, echoes the headers it got, checksums
 * uploads and streams downloads of any size. Counts requests and the connections they came on.
 */
final class TestBackend implements AutoCloseable {

    static final int CHUNK = 64 * 1024;

    private final String name;
    private final DisposableServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong produced = new AtomicLong();
    private final Set<Object> connections = ConcurrentHashMap.newKeySet();

    private TestBackend(String name, int port) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(port)
            .doOnConnection(connection -> connections.add(connection.channel().id()))
            .handle(this::handle)
            .bindNow();
    }

    static TestBackend start(String name) {
        return new TestBackend(name, 0);
    }

    /** A backend on a given port, e.g. to bring a "pod" back where it was. */
    static TestBackend start(String name, int port) {
        return new TestBackend(name, port);
    }

    String name() {
        return name;
    }

    int port() {
        return server.port();
    }

    int requests() {
        return requests.get();
    }

    int connections() {
        return connections.size();
    }

    /** Download bytes produced so far: produced only when the connection can take them. */
    long produced() {
        return produced.get();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        requests.incrementAndGet();
        String path = request.path();
        response.header("X-Backend", name);
        if (path.equals("upload")) {
            MessageDigest digest = sha256();
            long[] bytes = {0};
            return request.receive().doOnNext(buf -> {
                    bytes[0] += buf.readableBytes();
                    digest.update(buf.nioBuffer());
                })
                .then(Mono.defer(() -> json(response, Map.of("sha256", HexFormat.of().formatHex(digest.digest()),
                    "bytes", bytes[0], "backend", name))));
        }
        if (path.startsWith("download/")) {
            long size = Long.parseLong(path.substring("download/".length()));
            response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size));
            return response.send(download(size).doOnNext(chunk -> produced.addAndGet(chunk.readableBytes()))).then();
        }
        if (path.equals("reject")) {
            // answers at once, without reading the body (as a server refusing an upload does)
            return response.status(413).sendString(Mono.just("too large")).then();
        }
        if (path.equals("headers")) {
            Map<String, Object> seen = new LinkedHashMap<>();
            request.requestHeaders().forEach(h -> seen.merge(h.getKey().toLowerCase(), h.getValue(),
                (a, b) -> a + ", " + b));
            seen.put(":method", request.method().name());
            seen.put(":uri", request.uri());
            return request.receive().then(Mono.defer(() -> json(response, seen)));
        }
        return request.receive().then(Mono.defer(() -> response.sendString(Mono.just(name)).then()));
    }

    private static Mono<Void> json(HttpServerResponse response, Object value) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .sendString(Mono.just(Json.write(value))).then();
    }

    /** {@code size} bytes of a fixed pattern, in 64 KiB chunks, produced only as the client reads them. */
    static Flux<ByteBuf> download(long size) {
        return Flux.generate(() -> 0L, (offset, sink) -> {
            int length = (int) Math.min(CHUNK, size - offset);
            if (length <= 0) {
                sink.complete();
                return offset;
            }
            byte[] chunk = new byte[length];
            fill(chunk, offset);
            sink.next(Unpooled.wrappedBuffer(chunk));
            return offset + length;
        });
    }

    /** The pattern at {@code offset}: what a download sends, so a test can checksum what it expects. */
    static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            long position = offset + i;
            chunk[i] = (byte) (position * 31 + (position >>> 11));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
