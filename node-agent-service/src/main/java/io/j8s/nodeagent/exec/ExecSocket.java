package io.j8s.nodeagent.exec;

import io.j8s.common.json.Json;
import io.j8s.common.remotecommand.RemoteCommand;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * One exec session: starts the command, sends its stdout and stderr as channel messages, feeds stdin and resizes to
 * it, and ends with the Status on the error channel and a normal close (kubectl reads the error channel to its end,
 * so the close is what tells it the command is over).
 */
final class ExecSocket implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ExecSocket.class);

    private final ContainerExec exec;
    private final String namespace;
    private final String pod;
    private final String container;
    private final ExecRequest request;
    private final Sinks.Many<byte[]> out = Sinks.many().unicast().onBackpressureBuffer();

    ExecSocket(ContainerExec exec, String namespace, String pod, String container, ExecRequest request) {
        this.exec = exec;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.request = request;
    }

    @Override
    public List<String> getSubProtocols() {
        return RemoteCommand.PROTOCOLS;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        // Closed with a code before the receive below is cancelled: cancelling it first would make Reactor Netty
        // close without a code (1005), which kubectl takes for a broken stream.
        Mono<Void> send = session.send(out.asFlux().map(bytes -> session.binaryMessage(f -> f.wrap(bytes))))
            .then(Mono.defer(() -> session.close(CloseStatus.NORMAL)));
        return Mono.fromCallable(() -> Optional.ofNullable(start()))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(process -> process.isEmpty() ? send : Mono.firstWithSignal(send,
                session.receive().doOnNext(message -> dispatch(process.get(), message)).then()
                    .doFinally(signal -> process.get().close())))
            .onErrorResume(error -> {
                log.warn("exec in {}/{} container {} failed: {}", namespace, pod, container, error.toString());
                return session.close(CloseStatus.SERVER_ERROR);
            });
    }

    /** Starts the command; when it cannot, the Status goes out and the session ends (empty). */
    private ContainerExec.ExecProcess start() {
        try {
            ContainerExec.ExecProcess process = exec.start(namespace, pod, container, request, new Output());
            // As the kubelet does: an empty message on the first output channel tells the client the streams are up.
            emit(new byte[] {request.stdout() ? RemoteCommand.STDOUT
                : request.stderr() ? RemoteCommand.STDERR : RemoteCommand.ERROR});
            log.info("exec in {}/{} container {}: {}", namespace, pod, container, request.command());
            return process;
        } catch (ContainerExec.Refused refused) {
            emit(RemoteCommand.error(refused.code(), refused.reason(), refused.getMessage()));
            end();
            return null;
        }
    }

    private void dispatch(ContainerExec.ExecProcess process, WebSocketMessage message) {
        DataBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        if (bytes.length == 0) {
            return;
        }
        byte[] data = Arrays.copyOfRange(bytes, 1, bytes.length);
        switch (bytes[0]) {
            case RemoteCommand.STDIN -> {
                if (request.stdin() && data.length > 0) {
                    process.stdin(data);
                }
            }
            case RemoteCommand.CLOSE -> {
                if (data.length == 1 && data[0] == RemoteCommand.STDIN) {
                    process.closeStdin();
                }
            }
            case RemoteCommand.RESIZE -> resize(process, data);
            default -> { } // nothing else comes from a client; ignore like the kubelet
        }
    }

    private void resize(ContainerExec.ExecProcess process, byte[] data) {
        if (!request.tty()) {
            return;
        }
        JsonNode size;
        try {
            size = Json.tree(new String(data, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return; // a malformed resize changes nothing
        }
        int width = size.path("Width").asInt(0);
        int height = size.path("Height").asInt(0);
        if (width > 0 && height > 0) {
            Mono.fromRunnable(() -> process.resize(width, height)).subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(10)).onErrorResume(e -> Mono.empty()).subscribe();
        }
    }

    private void emit(byte[] frame) {
        synchronized (out) {
            out.tryEmitNext(frame);
        }
    }

    private void end() {
        synchronized (out) {
            out.tryEmitComplete();
        }
    }

    /** From the runtime's threads to the socket. */
    private final class Output implements ContainerExec.ExecOutput {

        @Override
        public void stdout(byte[] data) {
            emit(RemoteCommand.frame(RemoteCommand.STDOUT, data));
        }

        @Override
        public void stderr(byte[] data) {
            emit(RemoteCommand.frame(RemoteCommand.STDERR, data));
        }

        @Override
        public void exited(int exitCode) {
            emit(exitCode == 0 ? RemoteCommand.success() : RemoteCommand.exitCode(exitCode, request.command()));
            end();
        }

        @Override
        public void failed(String message) {
            emit(RemoteCommand.error(500, "InternalError", "error executing command in container: " + message));
            end();
        }
    }
}
