package io.j8s.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Simulated nodes against the API server secured as in a cluster: the process watches its pods as
 * {@code system:j8s:node-simulator}, and each simulated node registers, renews and reports its pods as its own
 * {@code system:node:<name>}, which the API server's node restriction holds it to. The audit log says who wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecureSimulatedNodesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PREFIX = "ssim-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    private static ApiServerProcess server;

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) throws IOException {
        server = ApiServerProcess.startSecure();
        Path tokens = Files.createTempDirectory("j8s-sim-tokens");
        for (int i = 1; i <= 2; i++) {
            Files.writeString(tokens.resolve(PREFIX + i + ".token"),
                server.addUser("system:node:" + PREFIX + i, "system:nodes"));
        }
        String simulator = server.addUser("system:j8s:node-simulator");
        registry.add("j8s.node-agent.api-server-url", server::url);
        registry.add("j8s.api-server.ca-file", () -> server.caFile().toString());
        registry.add("j8s.api-server.token", () -> simulator);
        registry.add("j8s.node-agent.node-name", () -> PREFIX + "agent");
        registry.add("j8s.node-agent.runtime", () -> "simulated");
        registry.add("j8s.node-agent.simulated.nodes", () -> "2");
        registry.add("j8s.node-agent.simulated.name-prefix", () -> PREFIX);
        registry.add("j8s.node-agent.simulated.startup-delay", () -> "1s");
        registry.add("j8s.node-agent.simulated.token-dir", tokens::toString);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachSimulatedNodeWritesAsItselfAndItsPodsRun() {
        ApiClient admin = new ApiClient(server.url(),
            ApiServerCredentials.of(server.caFile().toString(), server.adminToken()));
        String ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        admin.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(ns), null)).block(TIMEOUT);
        Await.until("both simulated nodes registered", TIMEOUT, () -> admin.listAll(Resources.NODES, null, null)
            .block(TIMEOUT).items().stream().filter(n -> n.metadata().name().startsWith(PREFIX)).count() == 2);

        Pod pod = Json.read("""
            {"metadata":{"name":"fake","namespace":"%s"},"spec":{"nodeName":"%s2","tolerations":[{"operator":"Exists"}],
             "containers":[{"name":"a","image":"anything:1"}]}}""".formatted(ns, PREFIX), Pod.class);
        admin.create(Resources.PODS, pod).block(TIMEOUT);
        Await.until("the pod is reported Running", TIMEOUT, () -> "Running".equals(
            admin.get(Resources.PODS, ns, "fake").block(TIMEOUT).status().phase()));

        Await.until("the audit log shows who wrote", Duration.ofSeconds(10), () -> audit().stream().anyMatch(e ->
            e.path("objectRef").path("subresource").asString("").equals("status")
                && e.path("objectRef").path("name").asString("").equals("fake")));
        List<JsonNode> events = audit();
        assertThat(writer(events, "nodes", PREFIX + "1", "create")).isEqualTo("system:node:" + PREFIX + "1");
        assertThat(writer(events, "nodes", PREFIX + "2", "create")).isEqualTo("system:node:" + PREFIX + "2");
        assertThat(writer(events, "leases", PREFIX + "2", "create")).isEqualTo("system:node:" + PREFIX + "2");
        assertThat(events).filteredOn(e -> e.path("objectRef").path("name").asString("").equals("fake")
                && e.path("objectRef").path("subresource").asString("").equals("status"))
            .allSatisfy(e -> {
                assertThat(e.path("user").path("username").asString()).isEqualTo("system:node:" + PREFIX + "2");
                assertThat(e.path("responseStatus").path("code").asInt()).isEqualTo(200);
            });
        assertThat(events).as("no write of the simulated nodes was refused")
            .noneMatch(e -> e.path("user").path("username").asString("").contains(PREFIX)
                && e.path("responseStatus").path("code").asInt() >= 400);
    }

    private static String writer(List<JsonNode> events, String resource, String name, String verb) {
        return events.stream().filter(e -> e.path("objectRef").path("resource").asString("").equals(resource)
                && e.path("objectRef").path("name").asString("").equals(name)
                && e.path("verb").asString("").equals(verb))
            .map(e -> e.path("user").path("username").asString()).findFirst().orElse("(none)");
    }

    private static List<JsonNode> audit() {
        try {
            return Files.readAllLines(server.auditLog()).stream().map(Json::tree).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
