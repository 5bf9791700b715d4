package io.j8s.nodeagent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.json.Json;
import io.j8s.common.remotecommand.RemoteCommand;
import io.j8s.nodeagent.simulated.SimulatedPodRuntime;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * The agent's exec endpoint over a real WebSocket, with the simulated runtime (no Docker): who may call it, and that
 * a command that cannot run ends with a Status on the error channel and a normal close, as kubectl needs.
 */
class ExecRoutesTest {

    private static final String TOKEN = "the-api-servers-token";
    private DisposableServer server;

    private String start(ExecProperties properties) {
        ExecRoutes routes = new ExecRoutes();
        ContainerExec simulated = routes.containerExec(new SimulatedPodRuntime(Duration.ofSeconds(1), Map.of(),
            Clock.systemUTC()), null);
        var handler = RouterFunctions.toHttpHandler(routes.execRoute(simulated, properties));
        server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow();
        return "ws://127.0.0.1:" + server.port() + "/exec/team-a/web/main?command=date&output=1";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void aSimulatedNodeAnswersWithAStatusSayingSoAndANormalClose() throws Exception {
        String url = start(new ExecProperties(TOKEN, null));
        ByteArrayOutputStream error = new ByteArrayOutputStream();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + TOKEN)
            .subprotocols(RemoteCommand.V5).buildAsync(URI.create(url), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                    byte[] bytes = new byte[data.remaining()];
                    data.get(bytes);
                    if (bytes.length > 0 && bytes[0] == RemoteCommand.ERROR) {
                        error.write(bytes, 1, bytes.length - 1);
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    closed.complete(code);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);

        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        JsonNode status = Json.tree(error.toString(StandardCharsets.UTF_8));
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(501);
        assertThat(status.path("message").asString()).contains("team-a/web runs on a simulated node");
    }

    @Test
    void withoutAConfiguredTokenExecIsRefusedAndAWrongTokenIsUnauthorized() {
        assertThat(handshakeStatus(start(new ExecProperties(null, null)), TOKEN)).isEqualTo(403);
        stop();
        assertThat(handshakeStatus(start(new ExecProperties(TOKEN, null)), "guess")).isEqualTo(401);
        stop();
        assertThat(handshakeStatus(start(new ExecProperties(TOKEN, null)).replace("command=date&", ""), TOKEN))
            .as("no command").isEqualTo(400);
    }

    private static int handshakeStatus(String url, String token) {
        var handshake = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
            .subprotocols(RemoteCommand.V5).buildAsync(URI.create(url), new WebSocket.Listener() { });
        try {
            handshake.get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException refused ? refused.getResponse().statusCode()
                : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
