package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Every client mistake answers its 4xx Status and leaves etcd exactly as it was. */
class BadInputIT extends ApiServerTestBase {

    private String ns;
    private String pods;

    @BeforeEach
    void namespaceWithOnePod() {
        ns = newNamespace();
        pods = "/api/v1/namespaces/" + ns + "/pods";
        create(pods, pod("exists"));
    }

    @Test
    void missingObjectIsNotFoundInKubernetesWords() {
        JsonNode status = expect(HttpMethod.GET, pods + "/nope", null, null, 404);
        assertThat(status.path("message").asString()).isEqualTo("pods \"nope\" not found");
        assertThat(status.path("details").path("name").asString()).isEqualTo("nope");
        assertThat(status.path("details").path("kind").asString()).isEqualTo("pods");
        JsonNode deployment = expect(HttpMethod.GET, "/apis/apps/v1/namespaces/" + ns + "/deployments/nope", null, null, 404);
        assertThat(deployment.path("message").asString()).isEqualTo("deployments.apps \"nope\" not found");
    }

    @Test
    void malformedJsonAndYamlAreBadRequests() {
        expect(HttpMethod.POST, pods, "application/json", "{\"metadata\": {", 400);
        expect(HttpMethod.POST, pods, "application/yaml", "metadata: [unclosed", 400);
        expect(HttpMethod.POST, pods, "application/json", "[1,2]", 400);
        expect(HttpMethod.POST, pods, "application/json", "", 400);
    }

    @Test
    void invalidObjectsNameTheirFields() {
        JsonNode status = expect(HttpMethod.POST, pods, "application/json",
            "{\"metadata\":{\"name\":\"no-containers\"},\"spec\":{\"containers\":[]}}", 422);
        assertThat(status.path("reason").asString()).isEqualTo("Invalid");
        assertThat(status.path("details").path("causes").findValuesAsString("field")).contains("spec.containers");
        assertThat(status.path("message").asString()).startsWith("Pod \"no-containers\" is invalid: ");

        JsonNode image = expect(HttpMethod.POST, pods, "application/json",
            "{\"metadata\":{\"name\":\"no-image\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}", 422);
        assertThat(image.path("details").path("causes").findValuesAsString("field")).contains("spec.containers[0].image");

        JsonNode name = expect(HttpMethod.POST, pods, "application/json", pod("Bad_Name"), 422);
        assertThat(name.path("details").path("causes").findValuesAsString("field")).contains("metadata.name");

        JsonNode selector = expect(HttpMethod.POST, "/apis/apps/v1/namespaces/" + ns + "/deployments", "application/json",
            "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"c\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}}}",
            422);
        assertThat(selector.path("details").path("causes").findValuesAsString("field")).contains("spec.template.metadata.labels");
    }

    @Test
    void staleResourceVersionIsAConflictAndChangesNothing() {
        JsonNode current = get(pods + "/exists");
        String fresh = current.toString().replace("\"app\":\"web\"", "\"app\":\"v2\"");
        client().put().uri(pods + "/exists").contentType(MediaType.APPLICATION_JSON).bodyValue(fresh)
            .exchange().expectStatus().isOk();
        // `current` now carries a stale resourceVersion.
        String stale = current.toString().replace("\"app\":\"web\"", "\"app\":\"v3\"");
        JsonNode status = expect(HttpMethod.PUT, pods + "/exists", "application/json", stale, 409);
        assertThat(status.path("reason").asString()).isEqualTo("Conflict");
        assertThat(status.path("message").asString()).isEqualTo("Operation cannot be fulfilled on pods \"exists\": "
            + "the object has been modified; please apply your changes to the latest version and try again");
        assertThat(get(pods + "/exists").path("metadata").path("labels").path("app").asString()).isEqualTo("v2");
    }

    @Test
    void duplicatesAndMismatchesAreRejected() {
        expect(HttpMethod.POST, pods, "application/json", pod("exists"), 409);
        expect(HttpMethod.POST, "/api/v1/namespaces/" + ns + "/pods", "application/json",
            pod("x").replace("\"name\":\"x\"", "\"name\":\"x\",\"namespace\":\"elsewhere\""), 400);
        expect(HttpMethod.PUT, pods + "/exists", "application/json", get(pods + "/exists").toString()
            .replace("\"name\":\"exists\"", "\"name\":\"other\""), 400);
        expect(HttpMethod.POST, pods, "application/json", pod("k").replace("\"kind\":\"Pod\"", "\"kind\":\"Service\""), 400);
        expect(HttpMethod.POST, "/api/v1/namespaces/missing-ns/pods", "application/json", pod("z"), 404);
        expect(HttpMethod.POST, pods, "application/json",
            pod("rv").replace("\"name\":\"rv\"", "\"name\":\"rv\",\"resourceVersion\":\"5\""), 400);
    }

    @Test
    void unknownResourcesAndMethodsAreRefused() {
        expect(HttpMethod.GET, "/api/v1/namespaces/" + ns + "/widgets", null, null, 404);
        expect(HttpMethod.GET, "/apis/nope.io/v1/things", null, null, 404);
        expect(HttpMethod.PUT, pods, "application/json", "{}", 405);
        expect(HttpMethod.POST, "/api/v1/pods", "application/json", pod("q"), 405);
    }

    @Test
    void wrongContentTypesAndPatchesAreRefused() {
        expect(HttpMethod.POST, pods, "text/plain", pod("t"), 415);
        expect(HttpMethod.PATCH, pods + "/exists", "application/json", "{}", 415);
        expect(HttpMethod.PATCH, pods + "/exists", "application/merge-patch+json", "{not json", 400);
        expect(HttpMethod.PATCH, pods + "/exists", "application/json-patch+json", "{\"op\":\"add\"}", 400);
        expect(HttpMethod.PATCH, pods + "/exists", "application/json-patch+json",
            "[{\"op\":\"remove\",\"path\":\"/spec/nothing\"}]", 422);
        expect(HttpMethod.PATCH, pods + "/exists", "application/strategic-merge-patch+json", "[]", 400);
        // A patch that yields an invalid object is refused as a whole.
        expect(HttpMethod.PATCH, pods + "/exists", "application/merge-patch+json",
            "{\"spec\":{\"containers\":null}}", 422);
    }

    @Test
    void wrongTypesInPlaceOfObjectsAreRefusedNotCoerced() {
        // A patch may not replace metadata wholesale: labels and finalizers would silently vanish.
        expect(HttpMethod.PATCH, pods + "/exists", "application/merge-patch+json", "{\"metadata\":\"x\"}", 400);
        expect(HttpMethod.PATCH, pods + "/exists", "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/metadata\",\"value\":7}]", 400);
        assertThat(get(pods + "/exists").path("metadata").path("labels").path("app").asString()).isEqualTo("web");
        expect(HttpMethod.POST, pods, "application/json", pod("t").replace("\"apiVersion\":\"v1\"", "\"apiVersion\":[\"v1\"]"), 400);
        expect(HttpMethod.DELETE, pods + "/exists", "application/json", "{\"gracePeriodSeconds\":\"soon\"}", 400);
        expect(HttpMethod.DELETE, pods + "/exists", "application/json", "{\"propagationPolicy\":5}", 400);
        expect(HttpMethod.DELETE, pods + "/exists", "application/json", "[]", 400);
        get(pods + "/exists");
    }

    @Test
    void badQueryParametersAreBadRequests() {
        expect(HttpMethod.GET, pods + "?labelSelector=a in (", null, null, 400);
        expect(HttpMethod.GET, pods + "?limit=abc", null, null, 400);
        expect(HttpMethod.GET, pods + "?continue=garbage", null, null, 400);
        expect(HttpMethod.GET, pods + "?watch=true&resourceVersion=abc", null, null, 400);
        expect(HttpMethod.DELETE, pods + "/exists?propagationPolicy=Sideways", null, null, 400);
        expect(HttpMethod.POST, pods + "?dryRun=Some", "application/json", pod("dr"), 400);
    }

    @Test
    void oversizedBodiesAreTooLarge() {
        String big = pod("big").replace("\"labels\":{\"app\":\"web\"}",
            "\"labels\":{\"app\":\"web\"},\"annotations\":{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        expect(HttpMethod.POST, pods, "application/json", big, 413);
    }

    @Test
    void dryRunValidatesWithoutStoring() {
        client().post().uri(pods + "?dryRun=All").contentType(MediaType.APPLICATION_JSON).bodyValue(pod("dry"))
            .exchange().expectStatus().isCreated();
        client().get().uri(pods + "/dry").exchange().expectStatus().isNotFound();
    }

    /** Sends the request, checks code and Status shape, and checks etcd's revision did not move. */
    private JsonNode expect(HttpMethod method, String uri, String contentType, String body, int code) {
        long before = etcdRevision();
        var spec = client().method(method).uri(uri);
        if (contentType != null) {
            spec.header("Content-Type", contentType);
        }
        var response = (body == null ? spec : spec.bodyValue(body)).exchange()
            .expectStatus().isEqualTo(code)
            .expectBody(String.class).returnResult().getResponseBody();
        JsonNode status = Json.tree(response);
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(code);
        assertThat(status.path("message").asString()).isNotBlank();
        assertThat(etcdRevision()).as("etcd revision after %s %s", method, uri).isEqualTo(before);
        return status;
    }
}
