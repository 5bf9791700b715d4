package io.j8s.apiserver;

import io.j8s.testsupport.EtcdServerProcess;
import io.j8s.testsupport.RedisServerProcess;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server on a random port over a real etcd and a real Redis, both started by the tests from the
 * installed binaries and shared by every test class of the run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiServerTestBase {

    private static RedisServerProcess redis;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("j8s.etcd.endpoints", () -> EtcdServerProcess.shared().endpoint());
        registry.add("spring.data.redis.port", () -> sharedRedis().port());
        registry.add("j8s.watch.bookmark-interval", () -> "1s");
        // These tests are about the API itself; security has its own tests, with TLS and tokens.
        registry.add("j8s.security.insecure", () -> "true");
    }

    protected static synchronized RedisServerProcess sharedRedis() {
        if (redis == null) {
            redis = RedisServerProcess.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        }
        return redis;
    }

    protected EtcdServerProcess etcd() {
        return EtcdServerProcess.shared();
    }

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30)).build();
    }

    protected WebClient webClient() {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** A fresh namespace per test, so tests sharing one etcd never see each other's objects. */
    protected String newNamespace() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        create("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        return name;
    }

    protected JsonNode create(String path, String json) {
        return client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
            .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody()
            .transform(Json::tree);
    }

    protected JsonNode get(String path) {
        return client().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult().getResponseBody().transform(Json::tree);
    }

    protected static String pod(String name) {
        return pod(name, "{\"app\":\"web\"}");
    }

    protected static String pod(String name, String labelsJson) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labelsJson
            + "},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox:1.36\"}]}}";
    }

    /** etcd's current revision: unchanged across a request means the request wrote nothing. */
    protected long etcdRevision() {
        try {
            String out = etcd().etcdctl("get", "/registry/", "--prefix", "--keys-only", "--limit=1", "-w", "json");
            return Json.tree(out).path("header").path("revision").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code metadata.name} of each item of a list, in order. */
    protected static java.util.List<String> itemNames(JsonNode list) {
        java.util.List<String> names = new java.util.ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asString()));
        return names;
    }

    protected static ObjectNode tree(String json) {
        return (ObjectNode) Json.tree(json);
    }
}
