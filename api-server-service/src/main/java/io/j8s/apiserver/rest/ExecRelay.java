package io.j8s.apiserver.rest;

import io.j8s.common.remotecommand.RemoteCommand;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One {@code kubectl exec} socket joined to the node agent's: the agent is dialled with the subprotocol the client
 * got, and messages pass both ways unchanged until either side ends. When the agent ends (after its Status) the
 * client gets a normal close, which is what makes kubectl finish; when the agent cannot be reached the client gets a
 * Status on the error channel saying so.
 */
final class ExecRelay implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ExecRelay.class);

    private final URI agent;
    private final String token;
    private final WebSocketClient agents;

    ExecRelay(URI agent, String token, WebSocketClient agents) {
        this.agent = agent;
        this.token = token;
        this.agents = agents;
    }

    @Override
    public List<String> getSubProtocols() {
        return RemoteCommand.PROTOCOLS;
    }

    @Override
    public Mono<Void> handle(WebSocketSession client) {
        String protocol = client.getHandshakeInfo().getSubProtocol();
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return agents.execute(agent, headers, new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return List.of(protocol);
                }

                @Override
                public Mono<Void> handle(WebSocketSession node) {
                    // The relay ends when one side ends its stream, never because the other side's outbound broke
                    // (the agent's close ends both directions of its socket at once): the agent ending sends kubectl a
                    // normal close; kubectl leaving ends the handler, which closes the agent's socket.
                    Mono<Void> agentDone = client.send(node.receive().map(m -> client.binaryMessage(f -> f.wrap(bytes(m)))))
                        .then(closeNormally(client));
                    Sinks.Many<byte[]> toNode = Sinks.many().unicast().onBackpressureBuffer();
                    Mono<Void> clientDone = client.receive().doOnNext(m -> toNode.tryEmitNext(bytes(m))).then();
                    Mono<Void> forward = node.send(toNode.asFlux().map(b -> node.binaryMessage(f -> f.wrap(b))))
                        .onErrorResume(e -> Mono.empty()).then(Mono.never());
                    return Mono.firstWithSignal(agentDone, clientDone, forward);
                }
            })
            .onErrorResume(error -> {
                log.info("exec: cannot reach the node agent at {}:{}: {}", agent.getHost(), agent.getPort(),
                    error.toString());
                byte[] status = RemoteCommand.error(503, "ServiceUnavailable", "cannot reach the node agent at "
                    + agent.getHost() + ":" + agent.getPort() + " to run the command: " + error.getMessage());
                return client.send(Mono.just(client.binaryMessage(f -> f.wrap(status)))).then(closeNormally(client));
            });
    }

    /**
     * The normal close (1000), which kubectl needs to take the end of its streams for EOF. It must go out before the
     * client's receive is cancelled (as the relay's end cancels it): that cancel makes Reactor Netty close without a
     * code (1005), which kubectl reports as a broken stream.
     */
    private static Mono<Void> closeNormally(WebSocketSession session) {
        return Mono.defer(() -> session.close(CloseStatus.NORMAL));
    }

    private static byte[] bytes(WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }
}
