package io.j8s.apiserver.rest;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.store.ResourceStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: the pod's container log, fetched from the node agent that
 * runs the pod ({@code /containerLogs/{ns}/{pod}/{container}} at the Node's InternalIP and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}) and passed through as plain text, chunk by chunk, so
 * {@code follow=true} streams. The container is checked first, with kube-apiserver's messages: a multi-container pod
 * needs {@code container}, an unknown one is a 400, and so is a pod that is not bound or whose container has not
 * started yet.
 */
@Configuration(proxyBeanMethods = false)
public class PodLogProxy {

    private static final List<String> PASSED_ON = List.of("follow", "tailLines", "previous", "timestamps",
        "sinceSeconds", "limitBytes");

    private final ResourceStore store;
    private final ResourceDefinition pods;
    private final ResourceDefinition nodes;
    private final WebClient agents = WebClient.builder()
        .clientConnector(new ReactorClientHttpConnector(HttpClient.create()))
        .build();

    public PodLogProxy(ResourceRegistry registry, ResourceStore store) {
        this.store = store;
        this.pods = registry.find("", "v1", "pods").orElseThrow();
        this.nodes = registry.find("", "v1", "nodes").orElseThrow();
    }

    /** Ahead of the generic resource routes, which know no {@code log} subresource. */
    @Bean
    @Order(-1)
    RouterFunction<ServerResponse> podLogRoute() {
        return RouterFunctions.route(GET("/api/v1/namespaces/{namespace}/pods/{name}/log"), this::log);
    }

    Mono<ServerResponse> log(ServerRequest request) {
        String namespace = request.pathVariable("namespace");
        String name = request.pathVariable("name");
        Map<String, String> query = query(request);
        return store.get(pods, namespace, name).flatMap(pod -> {
            String container = container(pod, name, request.queryParam("container").orElse(""));
            checkStarted(pod, name, container, "true".equals(query.get("previous")));
            String nodeName = pod.path("spec").path("nodeName").asString("");
            return store.get(nodes, null, nodeName)
                .onErrorMap(ApiException.class, e -> e.code() == 404
                    ? ApiException.badRequest("pod " + name + " is bound to node " + nodeName + ", which does not exist")
                    : e)
                .flatMap(node -> proxy(agentUri(node, nodeName, namespace, name, container, query)));
        });
    }

    /** The container to read: the one named (it must exist), or the pod's only one. */
    static String container(JsonNode pod, String podName, String requested) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asString("")));
        if (requested.isEmpty()) {
            if (names.size() == 1) {
                return names.get(0);
            }
            if (names.isEmpty()) {
                throw ApiException.badRequest("a container name must be specified for pod " + podName);
            }
            throw ApiException.badRequest("a container name must be specified for pod " + podName + ", choose one of: "
                + "[" + String.join(" ", names) + "]");
        }
        boolean known = names.contains(requested);
        pod.path("spec").path("initContainers").forEach(c -> names.add(c.path("name").asString("")));
        if (!known && !names.contains(requested)) {
            throw ApiException.badRequest("container " + requested + " is not valid for pod " + podName);
        }
        return requested;
    }

    /** A pod that is not bound, or a container that never ran, has no log yet: say so as the kubelet would. */
    static void checkStarted(JsonNode pod, String podName, String container, boolean previous) {
        if (pod.path("spec").path("nodeName").asString("").isEmpty()) {
            throw ApiException.badRequest("pod " + podName + " is not bound to a node yet: container " + container
                + " has not started");
        }
        JsonNode status = null;
        for (String list : new String[] {"initContainerStatuses", "containerStatuses"}) {
            for (JsonNode candidate : pod.path("status").path(list)) {
                if (container.equals(candidate.path("name").asString(""))) {
                    status = candidate;
                }
            }
        }
        boolean ranBefore = status != null && status.path("lastState").has("terminated");
        if (previous) {
            if (!ranBefore) {
                throw ApiException.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
                    + "\" not found");
            }
            return;
        }
        boolean started = status != null && (status.path("state").has("running") || status.path("state").has("terminated"));
        if (!started && !ranBefore) {
            String reason = status == null ? "ContainerCreating"
                : status.path("state").path("waiting").path("reason").asString("ContainerCreating");
            throw ApiException.badRequest("container \"" + container + "\" in pod \"" + podName
                + "\" is waiting to start: " + reason);
        }
    }

    /** The log options the agent understands, validated; sinceTime becomes sinceSeconds. */
    static Map<String, String> query(ServerRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            Optional<String> value = request.queryParam(name);
            if (value.isEmpty() || value.get().isEmpty()) {
                continue;
            }
            String v = value.get();
            switch (name) {
                case "follow", "previous", "timestamps" -> {
                    if (!v.equals("true") && !v.equals("false") && !v.equals("1") && !v.equals("0")) {
                        throw ApiException.badRequest(name + ": Invalid value: \"" + v + "\": must be true or false");
                    }
                    query.put(name, Boolean.toString(v.equals("true") || v.equals("1")));
                }
                default -> {
                    long number;
                    try {
                        number = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest(name + ": Invalid value: \"" + v + "\": must be an integer");
                    }
                    if (number < 0 || (number == 0 && !name.equals("tailLines"))) {
                        throw ApiException.badRequest(name + ": Invalid value: " + number + ": must be greater than "
                            + (name.equals("tailLines") ? "or equal to " : "") + "0");
                    }
                    query.put(name, Long.toString(number));
                }
            }
        }
        Optional<String> sinceTime = request.queryParam("sinceTime");
        if (sinceTime.isPresent() && !sinceTime.get().isEmpty() && !query.containsKey("sinceSeconds")) {
            try {
                long seconds = Duration.between(Instant.parse(sinceTime.get()), Instant.now()).toSeconds();
                query.put("sinceSeconds", Long.toString(Math.max(1, seconds)));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("sinceTime: Invalid value: \"" + sinceTime.get() + "\": must be RFC 3339");
            }
        }
        return query;
    }

    private static URI agentUri(JsonNode node, String nodeName, String namespace, String pod, String container,
            Map<String, String> query) {
        NodeAgentEndpoint agent = NodeAgentEndpoint.of(node, nodeName, "to read logs from");
        String params = query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
        return URI.create(agent.url("http", "containerLogs", namespace, pod, container)
            + (params.isEmpty() ? "" : "?" + params));
    }

    /** Streams the agent's answer, flushing each chunk; its errors become a 400 carrying the agent's words. */
    private Mono<ServerResponse> proxy(URI uri) {
        return agents.get().uri(uri).accept(MediaType.TEXT_PLAIN).retrieve()
            .toEntityFlux(DataBuffer.class)
            .flatMap(entity -> {
                Flux<DataBuffer> body = entity.getBody() == null ? Flux.empty() : entity.getBody();
                BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> flushing =
                    (message, context) -> message.writeAndFlushWith(body.map(Mono::just));
                return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(flushing);
            })
            .onErrorMap(WebClientResponseException.class, e -> {
                String text = e.getResponseBodyAsString().strip();
                return e.getStatusCode().is5xxServerError()
                    ? ApiException.unavailable("the node agent failed to read the log: " + text)
                    : ApiException.badRequest(text);
            })
            .onErrorMap(WebClientRequestException.class, e -> ApiException.unavailable(
                "cannot reach the node agent at " + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage()));
    }
}
