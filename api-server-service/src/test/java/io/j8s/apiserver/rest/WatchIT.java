package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.JsonNode;

class WatchIT extends ApiServerTestBase {

    @Test
    void aWatchFromAResourceVersionReplaysExactlyTheLaterChangesInOrder() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String from = create(pods, pod("a")).path("metadata").path("resourceVersion").asString();
        create(pods, pod("b"));
        patch(pods + "/a", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
        client().delete().uri(pods + "/b").exchange().expectStatus().isOk();

        List<JsonNode> events = watch(pods + "?watch=true&timeoutSeconds=2&resourceVersion=" + from);

        assertThat(events).extracting(e -> e.path("type").asString() + " " + e.path("object").path("metadata").path("name").asString())
            .containsExactly("ADDED b", "MODIFIED a", "DELETED b");
        assertThat(events.get(1).path("object").path("metadata").path("labels").path("v").asString()).isEqualTo("2");
        // resourceVersions grow with each change.
        long previous = Long.parseLong(from);
        for (JsonNode event : events) {
            long version = event.path("object").path("metadata").path("resourceVersion").asLong();
            assertThat(version).isGreaterThan(previous);
            previous = version;
        }
    }

    /**
     * kube-apiserver sends the 200 and its headers when the watch starts. client-go cannot cancel a watch whose
     * headers have not come: kubectl rollout status hung after "successfully rolled out" when nothing changed.
     */
    @Test
    void aWatchOfNothingChangingAnswersItsHeadersAtOnce() throws Exception {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String from = create(pods, pod("still")).path("metadata").path("resourceVersion").asString();
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String accept : List.of("application/json", "text/event-stream")) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + pods
                    + "?watch=true&timeoutSeconds=30&resourceVersion=" + from)).header("Accept", accept).build();
            var response = http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try {
                // sendAsync completes when the status line and headers have arrived, before any body
                assertThat(response.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).as(accept).isEqualTo(200);
            } finally {
                response.cancel(true);
                if (response.isDone() && !response.isCompletedExceptionally()) {
                    response.get().body().close();
                }
            }
        }
    }

    @Test
    void aWatchWithoutAResourceVersionStartsWithTheCurrentObjects() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        create(pods, pod("x"));
        create(pods, pod("y"));
        List<JsonNode> events = watch(pods + "?watch=true&timeoutSeconds=1");
        assertThat(events).extracting(e -> e.path("type").asString() + " " + e.path("object").path("metadata").path("name").asString())
            .containsExactly("ADDED x", "ADDED y");
    }

    @Test
    void serverSentEventsCarryTheEventTypeAsTheirName() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String from = create(pods, pod("s")).path("metadata").path("resourceVersion").asString();
        patch(pods + "/s", "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
        client().delete().uri(pods + "/s").exchange().expectStatus().isOk();

        List<ServerSentEvent<String>> events = webClient().get()
            .uri(pods + "?watch=true&timeoutSeconds=2&resourceVersion=" + from)
            .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
            .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
            .collectList().block(Duration.ofSeconds(20));

        // first a comment (which EventSource clients skip) that sends the headers at once, then the events
        assertThat(events.get(0).comment()).isEqualTo("watch");
        events = events.subList(1, events.size());
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("MODIFIED", "DELETED");
        assertThat(Json.tree(events.get(0).data()).path("metadata").path("name").asString()).isEqualTo("s");
    }

    @Test
    void objectsEnteringOrLeavingTheSelectorAreAddedOrDeleted() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String from = create(pods, pod("m", "{\"app\":\"web\"}")).path("metadata").path("resourceVersion").asString();
        patch(pods + "/m", "{\"metadata\":{\"labels\":{\"app\":\"other\"}}}");
        patch(pods + "/m", "{\"metadata\":{\"labels\":{\"note\":\"unseen\"}}}");
        patch(pods + "/m", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");

        List<JsonNode> events = watch(pods + "?watch=true&timeoutSeconds=2&labelSelector=app=web&resourceVersion=" + from);
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("DELETED", "ADDED");
    }

    @Test
    void bookmarksArriveWhenAllowed() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String from = create(pods, pod("k")).path("metadata").path("resourceVersion").asString();
        List<JsonNode> events = watch(pods + "?watch=true&timeoutSeconds=3&allowWatchBookmarks=true&resourceVersion=" + from);
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("BOOKMARK");
            assertThat(e.path("object").path("kind").asString()).isEqualTo("Pod");
            assertThat(e.path("object").path("metadata").path("resourceVersion").asLong()).isGreaterThanOrEqualTo(Long.parseLong(from));
        });
        List<JsonNode> without = watch(pods + "?watch=true&timeoutSeconds=2&resourceVersion=" + from);
        assertThat(without).isEmpty();
    }

    @Test
    void aCompactedResourceVersionAnswersExpired() throws Exception {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        String old = create(pods, pod("old")).path("metadata").path("resourceVersion").asString();
        String newer = create(pods, pod("new")).path("metadata").path("resourceVersion").asString();
        etcd().etcdctl("compact", newer);

        // Revision 1 is older than anything the watch cache holds, so etcd answers, and it has compacted it away.
        // (A compacted revision still inside the cache's window is served from the cache, as Kubernetes does.)
        assertThat(Long.parseLong(old)).isGreaterThan(1);
        List<JsonNode> events = watch(pods + "?watch=true&timeoutSeconds=5&resourceVersion=1");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asString()).isEqualTo("ERROR");
        assertThat(events.get(0).path("object").path("code").asInt()).isEqualTo(410);
        assertThat(events.get(0).path("object").path("reason").asString()).isEqualTo("Expired");
    }

    private List<JsonNode> watch(String uri) {
        return webClient().get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve()
            .bodyToFlux(String.class)
            .filter(line -> !line.isBlank())
            .map(Json::tree)
            .collectList()
            .block(Duration.ofSeconds(20));
    }

    private void patch(String path, String json) {
        client().patch().uri(path).contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue(json).exchange().expectStatus().isOk();
    }
}
