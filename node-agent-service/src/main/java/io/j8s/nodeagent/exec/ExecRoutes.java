package io.j8s.nodeagent.exec;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.j8s.common.remotecommand.RemoteCommand;
import io.j8s.nodeagent.NodeAgentProperties;
import io.j8s.nodeagent.docker.DockerContainerExec;
import io.j8s.nodeagent.docker.DockerPodRuntime;
import io.j8s.nodeagent.pod.PodRuntime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The kubelet's exec endpoint, {@code GET /exec/{namespace}/{pod}/{container}?command=..&input=1&output=1&error=1&tty=0}
 * upgraded to a WebSocket speaking {@code v5.channel.k8s.io} (or v4). The API server relays {@code pods/{name}/exec}
 * here. Only the API server may call it (its bearer token, {@link ExecProperties}); everything after the handshake,
 * including "no such container", is reported as a Status on the error channel, which the API server passes on to
 * kubectl word for word.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExecProperties.class)
class ExecRoutes {

    @Bean
    ContainerExec containerExec(PodRuntime runtime, NodeAgentProperties properties) {
        if (runtime instanceof DockerPodRuntime docker) {
            return new DockerContainerExec(docker, DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(properties.docker().host()).build().getDockerHost());
        }
        return (namespace, pod, container, request, output) -> {
            throw new ContainerExec.Refused(501, "NotImplemented", "pod " + namespace + "/" + pod
                + " runs on a simulated node: simulated nodes run no containers, so there is nothing to exec in");
        };
    }

    @Bean
    RouterFunction<ServerResponse> execRoute(ContainerExec exec, ExecProperties properties) {
        HandshakeWebSocketService handshake = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
            WebsocketServerSpec.builder().maxFramePayloadLength(RemoteCommand.MAX_MESSAGE_BYTES)));
        return RouterFunctions.route().GET("/exec/{namespace}/{pod}/{container}",
            request -> serve(request, exec, properties, handshake)).build();
    }

    private static Mono<ServerResponse> serve(ServerRequest request, ContainerExec exec, ExecProperties properties,
            HandshakeWebSocketService handshake) {
        String expected = properties.token().value();
        if (expected == null) {
            return text(HttpStatus.FORBIDDEN, "exec is refused: this node agent has no "
                + "j8s.node-agent.exec.client-token(-file) to recognize the API server by");
        }
        String presented = Optional.ofNullable(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
            .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(value -> value.substring(7).strip()).orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            return text(HttpStatus.UNAUTHORIZED, "exec needs the API server's node agent client token");
        }
        List<String> command = request.queryParams().getOrDefault(RemoteCommand.COMMAND, List.of());
        if (command.isEmpty()) {
            return text(HttpStatus.BAD_REQUEST, "you must specify at least one command for the container");
        }
        ExecRequest options = new ExecRequest(command, flag(request, RemoteCommand.STDIN_PARAM),
            flag(request, RemoteCommand.STDOUT_PARAM), flag(request, RemoteCommand.STDERR_PARAM),
            flag(request, RemoteCommand.TTY_PARAM));
        if (!options.stdin() && !options.stdout() && !options.stderr()) {
            return text(HttpStatus.BAD_REQUEST, "you must specify at least 1 of stdin, stdout, stderr");
        }
        if (RemoteCommand.negotiate(request.headers().header("Sec-WebSocket-Protocol")) == null) {
            return text(HttpStatus.BAD_REQUEST, "exec speaks the WebSocket subprotocols " + RemoteCommand.PROTOCOLS);
        }
        ExecSocket socket = new ExecSocket(exec, request.pathVariable("namespace"), request.pathVariable("pod"),
            request.pathVariable("container"), options);
        return handshake.handleRequest(request.exchange(), socket).then(Mono.empty());
    }

    /** The kubelet's flags: {@code 1} (or {@code true}) is on. */
    private static boolean flag(ServerRequest request, String name) {
        String value = request.queryParam(name).orElse("");
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static Mono<ServerResponse> text(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message + "\n");
    }
}
