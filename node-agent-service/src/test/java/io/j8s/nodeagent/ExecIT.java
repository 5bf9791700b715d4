package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import io.j8s.common.json.Json;
import io.j8s.common.remotecommand.RemoteCommand;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import io.j8s.testsupport.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code pods/exec} end to end as kubectl speaks it: a WebSocket ({@code v5.channel.k8s.io}) to the API server,
 * secured as in a cluster, relayed to this JVM's node agent, which runs the command in a real Docker container.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NODE = NodeAgentTestBase.uniqueNodeName("it-exec");
    private static final String AGENT_TOKEN = UUID.randomUUID().toString();
    private static ApiServerProcess server;

    @Autowired
    NodeAgent agent;

    @LocalServerPort
    int agentPort;

    private ApiClient admin;
    private final String ns = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) throws IOException {
        server = ApiServerProcess.startSecure("--j8s.node-agent-client.token=" + AGENT_TOKEN);
        registry.add("j8s.node-agent.api-server-url", server::url);
        registry.add("j8s.api-server.ca-file", () -> server.caFile().toString());
        registry.add("j8s.api-server.token", server::adminToken);
        registry.add("j8s.node-agent.node-name", () -> NODE);
        registry.add("j8s.node-agent.resync-interval", () -> "2s");
        registry.add("j8s.node-agent.exec.client-token", () -> AGENT_TOKEN);
    }

    @BeforeAll
    void podRuns() {
        admin = new ApiClient(server.url(), ApiServerCredentials.of(server.caFile().toString(), server.adminToken()));
        admin.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(ns), null)).block(TIMEOUT);
        admin.create(Resources.PODS, Json.read("""
            {"metadata":{"name":"box","namespace":"%s"},
             "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
               "containers":[{"name":"main","image":"%s","command":["sleep","3600"]},
                             {"name":"side","image":"%s","command":["sleep","3600"]}]}}
            """.formatted(ns, NODE, TestImages.busybox(), TestImages.busybox()), Pod.class)).block(TIMEOUT);
        Await.until("the pod runs", TIMEOUT, () -> {
            Pod pod = admin.get(Resources.PODS, ns, "box").block(TIMEOUT);
            return pod.status() != null && "Running".equals(pod.status().phase());
        });
    }

    @AfterAll
    void stop() {
        agent.destroy();
        NodeAgentTestBase.removeContainersOf(NODE);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echoPrintsOnStdoutAndEndsWithSuccess() throws Exception {
        Exec exec = exec(server.adminToken(), "main", null, "echo", "hello");

        assertThat(exec.stdout()).isEqualTo("hello\n");
        assertThat(exec.stderr()).isEmpty();
        assertThat(exec.status().path("status").asString()).isEqualTo("Success");
        assertThat(exec.closeCode()).isEqualTo(1000);
    }

    @Test
    void aNonZeroExitIsTheExitCodeCauseAndStderrIsItsOwnChannel() throws Exception {
        Exec exec = exec(server.adminToken(), "side", null, "sh", "-c", "echo err >&2; exit 3");

        assertThat(exec.stderr()).isEqualTo("err\n");
        assertThat(exec.stdout()).isEmpty();
        assertThat(exec.status().path("status").asString()).isEqualTo("Failure");
        assertThat(exec.status().path("reason").asString()).isEqualTo("NonZeroExitCode");
        JsonNode cause = exec.status().path("details").path("causes").get(0);
        assertThat(cause.path("reason").asString()).isEqualTo("ExitCode");
        assertThat(cause.path("message").asString()).isEqualTo("3");
    }

    @Test
    void stdinReachesTheCommandAndItsCloseIsEof() throws Exception {
        Exec exec = exec(server.adminToken(), "main", "abc\nline two\n", "cat");

        assertThat(exec.stdout()).isEqualTo("abc\nline two\n");
        assertThat(exec.status().path("status").asString()).isEqualTo("Success");
    }

    @Test
    void aContainerThePodLacksIs400AndAMultiContainerPodNeedsOne() {
        assertThat(refusal(server.adminToken(), "container=nope&command=true&stdout=true"))
            .startsWith("400 ").contains("container nope is not valid for pod box");
        assertThat(refusal(server.adminToken(), "command=true&stdout=true"))
            .startsWith("400 ").contains("a container name must be specified for pod box, choose one of: [main side]");
        assertThat(refusal(server.adminToken(), "container=main&stdout=true"))
            .startsWith("400 ").contains("command");
    }

    @Test
    void execNeedsCreateOnPodsExec() throws Exception {
        String jane = server.addUser("jane-" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(refusal(jane, "container=main&command=true&stdout=true")).startsWith("403 ")
            .contains("cannot create resource \\\"pods/exec\\\"");

        // The edit role grants create on pods/exec, not get: the GET of the WebSocket upgrade is authorized as create.
        String editor = "ed-" + UUID.randomUUID().toString().substring(0, 6);
        String editorToken = server.addUser(editor);
        post("/apis/rbac.authorization.k8s.io/v1/namespaces/" + ns + "/rolebindings", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"%s"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
             "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"%s"}]}
            """.formatted(editor, editor));
        Exec[] exec = new Exec[1];
        Await.until("the editor may exec once the binding is seen", Duration.ofSeconds(20), () -> {
            try {
                exec[0] = exec(editorToken, "main", null, "echo", "edited");
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(exec[0].stdout()).isEqualTo("edited\n");
    }

    @Test
    void theNodeAgentRefusesCallersWithoutTheApiServersToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("ws://127.0.0.1:" + agentPort + "/exec/" + ns + "/box/main?command=id&output=1");
        for (String token : new String[] {null, "wrong"}) {
            WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols(RemoteCommand.V5);
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            CompletableFuture<WebSocket> socket = builder.buildAsync(uri, new WebSocket.Listener() { });
            assertThat(socket).failsWithin(TIMEOUT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                    e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        }
    }

    /** What one exec printed, the Status on its error channel and how the server closed the socket. */
    record Exec(String stdout, String stderr, JsonNode status, int closeCode) {
    }

    private Exec exec(String token, String container, String stdin, String... command) throws Exception {
        StringBuilder query = new StringBuilder("container=" + container + "&stdout=true&stderr=true");
        for (String argument : command) {
            query.append("&command=").append(URLEncoder.encode(argument, StandardCharsets.UTF_8));
        }
        if (stdin != null) {
            query.append("&stdin=true");
        }
        Map<Integer, ByteArrayOutputStream> channels = new HashMap<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = webSocket(token, query.toString(), new WebSocket.Listener() {
            private final ByteArrayOutputStream message = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                message.writeBytes(bytes);
                if (last) {
                    byte[] whole = message.toByteArray();
                    message.reset();
                    synchronized (channels) {
                        channels.computeIfAbsent((int) whole[0], c -> new ByteArrayOutputStream())
                            .writeBytes(Arrays.copyOfRange(whole, 1, whole.length));
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        });
        if (stdin != null) {
            socket.sendBinary(ByteBuffer.wrap(RemoteCommand.frame(RemoteCommand.STDIN,
                stdin.getBytes(StandardCharsets.UTF_8))), true).join();
            socket.sendBinary(ByteBuffer.wrap(new byte[] {RemoteCommand.CLOSE, RemoteCommand.STDIN}), true).join();
        }
        int code = closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        synchronized (channels) {
            return new Exec(text(channels, RemoteCommand.STDOUT), text(channels, RemoteCommand.STDERR),
                Json.tree(text(channels, RemoteCommand.ERROR)), code);
        }
    }

    private static String text(Map<Integer, ByteArrayOutputStream> channels, int channel) {
        ByteArrayOutputStream bytes = channels.get(channel);
        return bytes == null ? "" : bytes.toString(StandardCharsets.UTF_8);
    }

    private WebSocket webSocket(String token, String query, WebSocket.Listener listener) throws IOException {
        HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext()).build();
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
            .subprotocols(RemoteCommand.V5, RemoteCommand.V4)
            .buildAsync(URI.create(server.url().replace("https://", "wss://") + "/api/v1/namespaces/" + ns
                + "/pods/box/exec?" + query), listener).join();
    }

    /**
     * The API server's answer to a WebSocket handshake for {@code query} that it refuses: "<status> <body>". Sent by
     * hand over TLS, as the JDK's WebSocket client does not keep the body of a refused handshake.
     */
    private String refusal(String token, String query) {
        URI uri = URI.create(server.url());
        try (Socket socket = server.sslContext().getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET /api/v1/namespaces/" + ns + "/pods/box/exec?" + query + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Protocol: " + RemoteCommand.V5 + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
            String status = in.readLine();
            int length = -1;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            char[] body = new char[Math.max(0, length)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return status.split(" ")[1] + " " + new String(body, 0, read);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(server.sslContext()).build().send(
            HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", "Bearer "
                + server.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
