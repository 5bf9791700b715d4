package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.testsupport.EtcdServerProcess;
import io.j8s.testsupport.RedisServerProcess;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/** etcd goes away and comes back: requests answer 503 meanwhile, and the server and its watches recover. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"j8s.etcd.request-timeout=2s", "j8s.security.insecure=true"})
class EtcdOutageIT {

    private static EtcdServerProcess etcd;
    private static RedisServerProcess redis;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        etcd = EtcdServerProcess.startPrivate();
        redis = RedisServerProcess.start();
        registry.add("j8s.etcd.endpoints", etcd::endpoint);
        registry.add("spring.data.redis.port", redis::port);
    }

    @AfterAll
    static void stop() {
        etcd.close();
        redis.close();
    }

    @Test
    void requestsAnswer503WhileEtcdIsDownAndTheWatchResumesWithoutLosingEvents() throws Exception {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30)).build();
        awaitDefaultNamespace(client);
        String pods = "/api/v1/namespaces/default/pods";
        String rv = Json.tree(client.post().uri(pods).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(pod("before")).exchange().expectStatus().isCreated().expectBody(String.class).returnResult()
            .getResponseBody()).path("metadata").path("resourceVersion").asString();

        List<String> seen = new CopyOnWriteArrayList<>();
        Disposable watch = WebClient.create("http://127.0.0.1:" + port).get()
            .uri(pods + "?watch=true&resourceVersion=" + rv).retrieve().bodyToFlux(String.class)
            .filter(line -> !line.isBlank())
            .map(line -> Json.tree(line).path("type").asString() + " "
                + Json.tree(line).path("object").path("metadata").path("name").asString())
            .subscribe(seen::add);

        etcd.stop();
        JsonNode status = Json.tree(client.get().uri(pods).exchange().expectStatus().isEqualTo(503)
            .expectBody(String.class).returnResult().getResponseBody());
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("message").asString()).contains("unavailable");
        client.post().uri(pods).contentType(MediaType.APPLICATION_JSON).bodyValue(pod("during"))
            .exchange().expectStatus().isEqualTo(503);

        etcd.start();
        long deadline = System.currentTimeMillis() + 30_000;
        int code = 0;
        while (System.currentTimeMillis() < deadline && code != 201) {
            code = client.post().uri(pods).contentType(MediaType.APPLICATION_JSON).bodyValue(pod("after"))
                .exchange().returnResult(String.class).getStatus().value();
            if (code != 201) {
                Thread.sleep(500);
            }
        }
        assertThat(code).isEqualTo(201);
        client.delete().uri(pods + "/before").exchange().expectStatus().isOk();

        long watchDeadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < watchDeadline && seen.size() < 2) {
            Thread.sleep(200);
        }
        watch.dispose();
        assertThat(seen).containsExactly("ADDED after", "DELETED before");
    }

    private static void awaitDefaultNamespace(WebTestClient client) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (client.get().uri("/api/v1/namespaces/default").exchange().returnResult(String.class).getStatus().value() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the default namespace never appeared");
    }

    private static String pod(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
    }
}
