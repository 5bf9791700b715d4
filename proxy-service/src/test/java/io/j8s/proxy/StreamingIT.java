package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.json.Json;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Bodies stream through unchanged and unbuffered, headers cross as a pod reached through kube-proxy would see them. */
class StreamingIT extends ProxyTestBase {

    private static final long SIZE = 50L * 1024 * 1024;

    @Test
    void aFiftyMebibyteUploadArrivesIntactWithAContentLengthAndChunked() {
        try (TestBackend backend = TestBackend.start("store")) {
            String host = routed(backend);
            String expected = expectedSha256(SIZE);
            for (boolean chunked : List.of(false, true)) {
                JsonNode result = Json.tree(http.raw()
                    .headers(h -> {
                        h.set(HttpHeaderNames.HOST, host);
                        if (!chunked) {
                            h.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(SIZE));
                        }
                    })
                    .post().uri("/upload")
                    .send(TestBackend.download(SIZE))
                    .responseSingle((response, body) -> body.asString())
                    .block(Duration.ofMinutes(1)));
                assertThat(result.path("bytes").asLong()).as(chunked ? "chunked" : "with Content-Length").isEqualTo(SIZE);
                assertThat(result.path("sha256").asString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aFiftyMebibyteDownloadArrivesIntact() {
        try (TestBackend backend = TestBackend.start("store")) {
            String host = routed(backend);
            MessageDigest digest = TestBackend.sha256();
            long[] received = {0};
            String length = http.raw().headers(h -> h.set(HttpHeaderNames.HOST, host))
                .get().uri("/download/" + SIZE)
                .response((response, body) -> body.doOnNext(buf -> {
                    received[0] += buf.readableBytes();
                    digest.update(buf.nioBuffer());
                }).then(Mono.just(response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH))))
                .blockLast(Duration.ofMinutes(1));
            assertThat(received[0]).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expectedSha256(SIZE));
            assertThat(length).isEqualTo(Long.toString(SIZE));
        }
    }

    @Test
    void aSlowClientSlowsThePodInsteadOfFillingTheProxy() throws Exception {
        try (TestBackend backend = TestBackend.start("store"); Socket socket = new Socket()) {
            String host = routed(backend);
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", SERVICE_PORT));
            socket.getOutputStream().write(("GET /download/" + SIZE + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            long total = in.readNBytes(64 * 1024).length;
            Thread.sleep(1500);
            // Only what socket buffers and a few in-flight chunks hold has been produced, not the whole body.
            assertThat(backend.produced()).isLessThan(SIZE / 2);
            byte[] buffer = new byte[256 * 1024];
            int read;
            while (total < SIZE && (read = in.read(buffer)) > 0) {
                total += read;
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(backend.produced()).isEqualTo(SIZE);
        }
    }

    @Test
    void aPodAnsweringBeforeTheBodyIsThroughEndsTheExchangeCleanly() {
        try (TestBackend backend = TestBackend.start("strict")) {
            String host = routed(backend);
            long size = 8L * 1024 * 1024;
            ProxyClient.Reply reply = http.raw()
                .headers(h -> h.set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size)))
                .post().uri("/reject")
                .send(TestBackend.download(size))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text ->
                    new ProxyClient.Reply(response.status().code(), text, response.responseHeaders())))
                .block(TIMEOUT);
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.body()).isEqualTo("too large");
            assertThat(reply.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
            assertThat(http.get(host, "/").body()).as("and the next request is served").isEqualTo("strict");
        }
    }

    @Test
    void headersCrossUnchangedPlusXForwardedAndWithoutHopByHopOnes() {
        try (TestBackend backend = TestBackend.start("echo")) {
            String host = routed(backend);
            ProxyClient.Reply reply = http.from("127.0.0.5").raw()
                .headers(h -> h.set(HttpHeaderNames.HOST, host).set("X-Request-Id", "abc-123")
                    .set("Authorization", "Bearer t0ken").set(HttpHeaderNames.CONNECTION, "keep-alive, X-Hop")
                    .set("X-Hop", "not for the pod").set("Keep-Alive", "timeout=5").add("Cookie", "a=1"))
                .get().uri("/headers?q=1")
                .responseSingle((response, body) -> body.asString().map(text ->
                    new ProxyClient.Reply(response.status().code(), text, response.responseHeaders())))
                .block(TIMEOUT);
            JsonNode seen = Json.tree(reply.body());
            assertThat(seen.path("host").asString()).isEqualTo(host);
            assertThat(seen.path(":uri").asString()).isEqualTo("/headers?q=1");
            assertThat(seen.path("x-request-id").asString()).isEqualTo("abc-123");
            assertThat(seen.path("authorization").asString()).isEqualTo("Bearer t0ken");
            assertThat(seen.path("cookie").asString()).isEqualTo("a=1");
            assertThat(seen.path("x-forwarded-for").asString()).isEqualTo("127.0.0.5");
            assertThat(seen.path("x-forwarded-host").asString()).isEqualTo(host);
            assertThat(seen.path("x-forwarded-proto").asString()).isEqualTo("http");
            assertThat(seen.has("x-hop")).isFalse();
            assertThat(seen.has("keep-alive")).isFalse();
            assertThat(reply.headers().get("X-Backend")).as("response headers come back too").isEqualTo("echo");

            // an existing chain is appended to
            JsonNode chained = Json.tree(http.raw().headers(h -> h.set(HttpHeaderNames.HOST, host)
                    .set("X-Forwarded-For", "203.0.113.7").set("X-Forwarded-Proto", "https"))
                .get().uri("/headers").responseSingle((r, body) -> body.asString()).block(TIMEOUT));
            assertThat(chained.path("x-forwarded-for").asString()).isEqualTo("203.0.113.7, 127.0.0.1");
            assertThat(chained.path("x-forwarded-proto").asString()).isEqualTo("https");
        }
    }

    @Test
    void connectionsAreKeptAliveToTheClientAndToThePods() throws IOException {
        try (TestBackend backend = TestBackend.start("kept"); Socket socket = new Socket("127.0.0.1", SERVICE_PORT)) {
            String host = routed(backend);
            int connectionsBefore = backend.connections();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 50; i++) {
                out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(in)).as("response %d on one client connection", i).endsWith("kept");
            }
            assertThat(backend.connections() - connectionsBefore).as("pod connections for 50 requests").isLessThanOrEqualTo(1);

            out.write(("HEAD /download/1000 HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 1000");
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(in)).as("the connection survives a HEAD").endsWith("kept");
        }
    }

    @Test
    void aMalformedRequestIsABadRequest() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVICE_PORT)) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void otherMethodsAndBodiesPassThrough() {
        try (TestBackend backend = TestBackend.start("echo")) {
            String host = routed(backend);
            for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS)) {
                JsonNode seen = Json.tree(http.request(method, host, "/headers", method == HttpMethod.DELETE ? null : "{}").body());
                assertThat(seen.path(":method").asString()).isEqualTo(method.name());
            }
        }
    }

    /** A Service over {@code backend} in a new namespace; returns the Host that names it. */
    private String routed(TestBackend backend) {
        String ns = newNamespace();
        createService(ns, "files");
        setEndpoints(ns, "files", ports(backend), List.of());
        String host = "files." + ns;
        await("the proxy routes " + host, TIMEOUT, () -> http.get(host, "/").status() == 200);
        return host;
    }

    private static String expectedSha256(long size) {
        MessageDigest digest = TestBackend.sha256();
        TestBackend.download(size).doOnNext((ByteBuf buf) -> {
            digest.update(buf.nioBuffer());
            buf.release();
        }).blockLast();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads one response with a Content-Length or chunked body; returns head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase();
        if (lower.contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(readLine(in).trim(), 16);
                if (size == 0) {
                    readLine(in);
                    return head + new String(body.toByteArray(), StandardCharsets.UTF_8);
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        int at = lower.indexOf("content-length:");
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
