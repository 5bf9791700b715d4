package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** discovery.k8s.io/v1 EndpointSlices over real etcd: defaults, validation, selectors and kubectl's table. */
class EndpointSliceIT extends ApiServerTestBase {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    @Test
    void aSliceIsStoredWithDefaultsAndServedAsATable() {
        String ns = newNamespace();
        String slices = "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices";
        JsonNode created = create(slices, """
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
             "metadata":{"generateName":"web-","labels":{"kubernetes.io/service-name":"web"}},
             "addressType":"IPv4",
             "endpoints":[{"addresses":["127.0.0.1"],"conditions":{"ready":true,"serving":true,"terminating":false},
                           "nodeName":"node-1","targetRef":{"kind":"Pod","namespace":"%s","name":"web-1"}}],
             "ports":[{"port":41234}]}""".formatted(ns));
        String name = created.at("/metadata/name").asString();
        assertThat(name).startsWith("web-").hasSize("web-".length() + 5);
        assertThat(created.at("/ports/0").toString()).isEqualTo("{\"port\":41234,\"name\":\"\",\"protocol\":\"TCP\"}");
        assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
        String stored = etcdValue("/registry/endpointslices/" + ns + "/" + name);
        assertThat(Json.tree(stored).path("addressType").asString()).isEqualTo("IPv4");

        JsonNode table = Json.tree(client().get().uri(slices).header("Accept", TABLE).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString()));
        assertThat(columns).containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
        assertThat(table.at("/rows/0/cells/1").asString()).isEqualTo("IPv4");
        assertThat(table.at("/rows/0/cells/2").asString()).isEqualTo("41234");
        assertThat(table.at("/rows/0/cells/3").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void invalidSlicesAreRejectedWithTheirFieldsAndNothingIsStored() {
        String ns = newNamespace();
        String slices = "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices";
        long before = etcdRevision();
        JsonNode status = Json.tree(client().post().uri(slices).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"metadata":{"name":"bad"},"endpoints":[{"addresses":["not-an-ip"]}],"ports":[{"protocol":"HTTP"}]}""")
            .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody());
        assertThat(status.path("reason").asString()).isEqualTo("Invalid");
        List<String> fields = new ArrayList<>();
        status.at("/details/causes").forEach(c -> fields.add(c.path("field").asString()));
        assertThat(fields).containsExactly("addressType", "ports[0].protocol");
        assertThat(etcdRevision()).isEqualTo(before);
    }

    @Test
    void theAddressTypeCannotChangeAndTheGenerationFollowsEndpointsAndLabels() {
        String ns = newNamespace();
        String slice = "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices/web-a";
        create("/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices",
            "{\"metadata\":{\"name\":\"web-a\"},\"addressType\":\"IPv4\",\"endpoints\":[]}");
        client().patch().uri(slice).contentType(MediaType.valueOf("application/merge-patch+json"))
            .bodyValue("{\"addressType\":\"IPv6\"}").exchange().expectStatus().isEqualTo(422)
            .expectBody().jsonPath("$.message")
            .value(Matchers.endsWith("\"web-a\" is invalid: addressType: Invalid value: \"IPv6\": field is immutable"));
        JsonNode relabelled = patch(slice, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        assertThat(relabelled.at("/metadata/generation").asLong()).isEqualTo(2);
        JsonNode annotated = patch(slice, "{\"metadata\":{\"annotations\":{\"x\":\"y\"}}}");
        assertThat(annotated.at("/metadata/generation").asLong()).isEqualTo(2);
        JsonNode moved = patch(slice, "{\"endpoints\":[{\"addresses\":[\"10.0.0.9\"]}]}");
        assertThat(moved.at("/metadata/generation").asLong()).isEqualTo(3);
    }

    @Test
    void slicesAreSelectedByLabelAndByNameButByNoOtherField() {
        String ns = newNamespace();
        String slices = "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices";
        create(slices, "{\"metadata\":{\"name\":\"web-a\",\"labels\":{\"kubernetes.io/service-name\":\"web\"}},"
            + "\"addressType\":\"IPv4\"}");
        create(slices, "{\"metadata\":{\"name\":\"api-a\",\"labels\":{\"kubernetes.io/service-name\":\"api\"}},"
            + "\"addressType\":\"IPv6\"}");
        assertThat(itemNames(get(slices + "?labelSelector=kubernetes.io/service-name=web"))).containsExactly("web-a");
        assertThat(itemNames(get(slices + "?fieldSelector=metadata.name=api-a"))).containsExactly("api-a");
        assertThat(itemNames(get("/apis/discovery.k8s.io/v1/endpointslices?fieldSelector=metadata.namespace=" + ns)))
            .containsExactly("api-a", "web-a");
        client().get().uri(slices + "?fieldSelector=addressType=IPv4").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.message").isEqualTo("field label not supported: addressType");
    }

    private JsonNode patch(String path, String mergePatch) {
        return Json.tree(client().patch().uri(path).contentType(MediaType.valueOf("application/merge-patch+json"))
            .bodyValue(mergePatch).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody());
    }

    private String etcdValue(String key) {
        try {
            return etcd().etcdctl("get", key, "--print-value-only").trim();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
