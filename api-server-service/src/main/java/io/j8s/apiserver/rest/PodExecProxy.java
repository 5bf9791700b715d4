package io.j8s.apiserver.rest;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.store.ResourceStore;
import io.j8s.common.remotecommand.RemoteCommand;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/namespaces/{ns}/pods/{name}/exec}: {@code kubectl exec} over WebSocket ({@code v5.channel.k8s.io},
 * or v4). The request is checked before the upgrade, with kube-apiserver's messages (a command, a valid container, a
 * pod bound to a node and not completed), and authorized as {@code create} on {@code pods/exec} for GET too, as
 * kube-apiserver does for WebSocket upgrades. Then the socket is relayed message by message to the node agent's
 * {@code /exec/{ns}/{pod}/{container}}, which runs the command and writes the Status on the error channel.
 *
 * <p>SPDY (kubectl's fallback, a POST with {@code Upgrade: SPDY/3.1}) is not spoken: such a request still gets its
 * 400/403/404 from the checks, so kubectl prints the real reason; a valid one gets a 400 saying WebSocket is needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeAgentClientProperties.class)
public class PodExecProxy {

    private static final String PATH = "/api/v1/namespaces/{namespace}/pods/{name}/exec";

    private final ResourceStore store;
    private final ResourceDefinition pods;
    private final ResourceDefinition nodes;
    private final NodeAgentClientProperties credentials;
    private final HandshakeWebSocketService handshake = new HandshakeWebSocketService(
        new ReactorNettyRequestUpgradeStrategy(WebsocketServerSpec.builder().maxFramePayloadLength(RemoteCommand.MAX_MESSAGE_BYTES)));
    private final ReactorNettyWebSocketClient agents = new ReactorNettyWebSocketClient(HttpClient.create(),
        () -> WebsocketClientSpec.builder().maxFramePayloadLength(RemoteCommand.MAX_MESSAGE_BYTES));

    public PodExecProxy(ResourceRegistry registry, ResourceStore store, NodeAgentClientProperties credentials) {
        this.store = store;
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
        this.credentials = credentials;
    }

    /** Ahead of the generic resource routes, which know no {@code exec} subresource. */
    @Bean
    @Order(-1)
    RouterFunction<ServerResponse> podExecRoute() {
        return RouterFunctions.route(GET(PATH).or(POST(PATH)), this::exec);
    }

    Mono<ServerResponse> exec(ServerRequest request) {
        String namespace = request.pathVariable("namespace");
        String name = request.pathVariable("name");
        ExecOptions options = ExecOptions.from(request);
        return store.get(pods, namespace, name).flatMap(pod -> {
            String container = PodLogProxy.container(pod, name, request.queryParam("container").orElse(""));
            String nodeName = pod.path("spec").path("nodeName").asString("");
            if (nodeName.isEmpty()) {
                throw ApiException.badRequest("pod " + name + " does not have a host assigned");
            }
            String phase = pod.path("status").path("phase").asString("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                throw ApiException.badRequest("cannot exec into a container in a completed pod; current phase is "
                    + phase);
            }
            return store.get(nodes, null, nodeName)
                .onErrorMap(ApiException.class, e -> e.code() == 404
                    ? ApiException.badRequest("pod " + name + " is bound to node " + nodeName + ", which does not exist")
                    : e)
                .flatMap(node -> upgrade(request, agentUri(node, nodeName, namespace, name, container, options)));
        });
    }

    private Mono<ServerResponse> upgrade(ServerRequest request, URI agent) {
        boolean webSocket = "websocket".equalsIgnoreCase(request.headers().firstHeader(HttpHeaders.UPGRADE));
        if (!webSocket || !HttpMethod.GET.equals(request.method())) {
            throw ApiException.badRequest("exec is served over WebSocket only (GET with Upgrade: websocket and "
                + "Sec-WebSocket-Protocol " + RemoteCommand.V5 + "); SPDY is not supported");
        }
        if (RemoteCommand.negotiate(request.headers().header("Sec-WebSocket-Protocol")) == null) {
            throw ApiException.badRequest("exec needs one of the WebSocket subprotocols " + RemoteCommand.PROTOCOLS
                + ", the client offered " + request.headers().header("Sec-WebSocket-Protocol"));
        }
        return handshake.handleRequest(request.exchange(), new ExecRelay(agent, credentials.bearerToken().value(),
            agents)).then(Mono.empty());
    }

    private static URI agentUri(JsonNode node, String nodeName, String namespace, String pod, String container,
            ExecOptions options) {
        NodeAgentEndpoint agent = NodeAgentEndpoint.of(node, nodeName, "to run commands through");
        StringBuilder query = new StringBuilder();
        for (String argument : options.command()) {
            query.append(query.isEmpty() ? "?" : "&").append(RemoteCommand.COMMAND).append('=')
                .append(URLEncoder.encode(argument, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        query.append('&').append(RemoteCommand.STDIN_PARAM).append('=').append(options.stdin() ? 1 : 0)
            .append('&').append(RemoteCommand.STDOUT_PARAM).append('=').append(options.stdout() ? 1 : 0)
            .append('&').append(RemoteCommand.STDERR_PARAM).append('=').append(options.stderr() ? 1 : 0)
            .append('&').append(RemoteCommand.TTY_PARAM).append('=').append(options.tty() ? 1 : 0);
        return URI.create(agent.url("ws", "exec", namespace, pod, container) + query);
    }

    /** The PodExecOptions of the query string, checked as kube-apiserver and the kubelet check them. */
    record ExecOptions(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

        static ExecOptions from(ServerRequest request) {
            List<String> command = new ArrayList<>(request.queryParams().getOrDefault("command", List.of()));
            if (command.isEmpty()) {
                throw ApiException.badRequest("command: Required value: you must specify at least one command");
            }
            ExecOptions options = new ExecOptions(command, flag(request, "stdin"), flag(request, "stdout"),
                flag(request, "stderr"), flag(request, "tty"));
            if (!options.stdin() && !options.stdout() && !options.stderr()) {
                throw ApiException.badRequest("you must specify at least 1 of stdin, stdout, stderr");
            }
            return options;
        }

        private static boolean flag(ServerRequest request, String name) {
            String value = request.queryParam(name).orElse("");
            return switch (value) {
                case "", "false", "0" -> false;
                case "true", "1" -> true;
                default -> throw ApiException.badRequest(name + ": Invalid value: \"" + value
                    + "\": must be true or false");
            };
        }
    }
}
