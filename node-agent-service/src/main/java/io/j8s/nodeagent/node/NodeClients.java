package io.j8s.nodeagent.node;

import io.j8s.common.client.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which API client a node's own writes (its Node and Lease, the status and deletion of its pods) go through: the
 * agent's one client for a Docker-backed agent, whose token already names its node; for a process hosting many
 * simulated nodes, one client per node carrying that node's own token ({@code system:node:<name>}), so the API
 * server's NodeRestriction holds each simulated node to its own objects as it would a real one.
 */
public final class NodeClients {

    private final ApiClient shared;
    private final Map<String, ApiClient> perNode;

    private NodeClients(ApiClient shared, Map<String, ApiClient> perNode) {
        this.shared = shared;
        this.perNode = Map.copyOf(perNode);
    }

    /** Every node writes with {@code client}. */
    public static NodeClients shared(ApiClient client) {
        return new NodeClients(client, Map.of());
    }

    /**
     * Each node writes with the token in {@code <tokenDir>/<node>.token}, over {@code client}'s connection and TLS
     * settings; a node without a token file stops the agent at startup.
     */
    public static NodeClients fromTokenDirectory(ApiClient client, Path tokenDir, Collection<String> nodes) {
        Map<String, ApiClient> clients = new HashMap<>();
        for (String node : nodes) {
            Path file = tokenDir.resolve(node + ".token");
            try {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new IllegalStateException("the token file " + file + " is empty");
                }
                clients.put(node, client.withBearerToken(token));
            } catch (IOException e) {
                throw new UncheckedIOException("no token for simulated node " + node + " at " + file, e);
            }
        }
        return new NodeClients(client, clients);
    }

    public ApiClient forNode(String node) {
        return node == null ? shared : perNode.getOrDefault(node, shared);
    }
}
