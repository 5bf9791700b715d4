package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Events are served at the usual core/v1 paths but stored in Redis with a TTL, never in etcd. */
class EventsIT extends ApiServerTestBase {

    @Test
    void eventsAreStoredInRedisAndSelectableByTheObjectTheyAreAbout() throws Exception {
        String ns = newNamespace();
        String events = "/api/v1/namespaces/" + ns + "/events";
        create(events, event(ns, "web-1.a", "web-1", "Scheduled"));
        create(events, event(ns, "web-2.b", "web-2", "Pulled"));

        assertThat(itemNames(get(events + "?fieldSelector=involvedObject.name=web-1"))).containsExactly("web-1.a");
        assertThat(itemNames(get(events + "?fieldSelector=involvedObject.kind=Pod,reason=Pulled"))).containsExactly("web-2.b");
        assertThat(itemNames(get("/api/v1/events?fieldSelector=involvedObject.namespace=" + ns)))
            .containsExactly("web-1.a", "web-2.b");
        assertThat(etcd().etcdctl("get", "/registry/events/", "--prefix", "--keys-only")).doesNotContain(ns);
        String ttl = sharedRedisTtl(ns, "web-1.a");
        assertThat(Long.parseLong(ttl.replaceAll("[^0-9]", ""))).isBetween(3000L, 3600L);
    }

    @Test
    void eventsCanBeWatchedFromAResourceVersion() {
        String ns = newNamespace();
        String events = "/api/v1/namespaces/" + ns + "/events";
        String from = create(events, event(ns, "e.1", "p", "Created")).path("metadata").path("resourceVersion").asString();
        JsonNode second = create(events, event(ns, "e.2", "p", "Started"));
        client().patch().uri(events + "/e.2").contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue("{\"count\":2}").exchange().expectStatus().isOk();

        List<String> seen = webClient().get().uri(events + "?watch=true&timeoutSeconds=2&resourceVersion=" + from)
            .retrieve().bodyToFlux(String.class).filter(line -> !line.isBlank())
            .map(line -> Json.tree(line).path("type").asString() + " "
                + Json.tree(line).path("object").path("metadata").path("name").asString())
            .collectList().block(Duration.ofSeconds(20));
        assertThat(seen).containsExactly("ADDED e.2", "MODIFIED e.2");
        assertThat(second.path("metadata").path("resourceVersion").asLong()).isGreaterThan(Long.parseLong(from));
    }

    private String sharedRedisTtl(String ns, String name) {
        // The store prefixes its keys; TTL of the event's key tells it expires (default one hour).
        return sharedRedis().command("TTL", "j8s:events:/registry/events/" + ns + "/" + name);
    }

    private static String event(String ns, String name, String pod, String reason) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"" + name + "\"},"
            + "\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"" + ns + "\",\"name\":\"" + pod + "\",\"apiVersion\":\"v1\"},"
            + "\"reason\":\"" + reason + "\",\"message\":\"" + reason + " " + pod + "\",\"type\":\"Normal\","
            + "\"source\":{\"component\":\"test\"},\"count\":1}";
    }
}
