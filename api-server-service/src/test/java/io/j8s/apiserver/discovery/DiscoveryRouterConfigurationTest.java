package io.j8s.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.apiserver.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The discovery documents as kubectl and client-go read them, legacy and aggregated. */
class DiscoveryRouterConfigurationTest {

    /** What kubectl 1.32 (client-go discovery) sends to /api and /apis. */
    static final String KUBECTL_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Stands in for the real Status renderer: the code of an ApiException, its message as body. */
    private static final WebExceptionHandler STATUS_HANDLER = (exchange, ex) -> {
        if (ex instanceof ApiException api) {
            exchange.getResponse().setStatusCode(HttpStatus.valueOf(api.code()));
            byte[] body = ("{\"kind\":\"Status\",\"reason\":\"" + api.reason() + "\",\"code\":" + api.code() + "}")
                .getBytes(StandardCharsets.UTF_8);
            return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
        }
        return Mono.error(ex);
    };

    private final WebTestClient client = WebTestClient
        .bindToRouterFunction(DiscoveryRouterConfiguration.routes(new DiscoveryHandler(new DiscoveryDocuments(new ResourceRegistry()))))
        .handlerStrategies(HandlerStrategies.builder().exceptionHandler(STATUS_HANDLER).build())
        .build();

    private JsonNode get(String uri, String accept, String expectedContentType) {
        byte[] body = client.get().uri(uri).header("Accept", accept)
            .exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals("Content-Type", expectedContentType)
            .expectBody().returnResult().getResponseBody();
        return MAPPER.readTree(body);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asString())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    @Test
    void versionReportsKubernetes132() {
        JsonNode v = get("/version?timeout=5s", "application/json, */*", "application/json");
        assertThat(v.path("major").asString()).isEqualTo("1");
        assertThat(v.path("minor").asString()).isEqualTo("32");
        assertThat(v.path("gitVersion").asString()).isEqualTo("v1.32.0-j8s");
        assertThat(v.path("gitTreeState").asString()).isEqualTo("clean");
        assertThat(v.path("platform").asString()).isEqualTo("linux/amd64");
        assertThat(v.path("buildDate").asString()).isNotEmpty();
        assertThat(v.has("gitCommit")).isTrue();
        assertThat(v.path("compiler").asString()).isEqualTo("j8s");
        assertThat(v.path("goVersion").asString()).startsWith("java");
    }

    @Test
    void legacyApiVersions() {
        JsonNode doc = get("http://127.0.0.1:8080/api", "application/json", "application/json");
        assertThat(doc.path("kind").asString()).isEqualTo("APIVersions");
        assertThat(texts(doc.path("versions"))).containsExactly("v1");
        JsonNode cidr = doc.path("serverAddressByClientCIDRs").get(0);
        assertThat(cidr.path("clientCIDR").asString()).isEqualTo("0.0.0.0/0");
        assertThat(cidr.path("serverAddress").asString()).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void legacyApiGroupList() {
        JsonNode doc = get("/apis", "application/json", "application/json");
        assertThat(doc.path("kind").asString()).isEqualTo("APIGroupList");
        assertThat(doc.path("apiVersion").asString()).isEqualTo("v1");
        JsonNode groups = doc.path("groups");
        assertThat(groups.size()).isEqualTo(6);
        JsonNode apps = find(groups, "name", "apps");
        assertThat(apps.path("versions").get(0).path("groupVersion").asString()).isEqualTo("apps/v1");
        assertThat(apps.path("versions").get(0).path("version").asString()).isEqualTo("v1");
        assertThat(apps.path("preferredVersion").path("groupVersion").asString()).isEqualTo("apps/v1");
        JsonNode coordination = find(groups, "name", "coordination.k8s.io");
        assertThat(coordination.path("preferredVersion").path("groupVersion").asString())
            .isEqualTo("coordination.k8s.io/v1");
    }

    @Test
    void apiGroup() {
        JsonNode doc = get("/apis/apps", "application/json", "application/json");
        assertThat(doc.path("kind").asString()).isEqualTo("APIGroup");
        assertThat(doc.path("name").asString()).isEqualTo("apps");
        assertThat(doc.path("preferredVersion").path("version").asString()).isEqualTo("v1");
        client.get().uri("/apis/nope.example.com").exchange().expectStatus().isNotFound()
            .expectBody().jsonPath("$.reason").isEqualTo("NotFound");
    }

    @Test
    void coreResourceList() {
        JsonNode doc = get("/api/v1", "application/json, */*", "application/json");
        assertThat(doc.path("kind").asString()).isEqualTo("APIResourceList");
        assertThat(doc.path("groupVersion").asString()).isEqualTo("v1");
        JsonNode resources = doc.path("resources");
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.path("name").asString()));
        assertThat(names).contains("namespaces", "nodes", "pods", "services", "endpoints", "events",
            "pods/status", "pods/binding", "nodes/status", "namespaces/status", "services/status");
        assertThat(names).doesNotContain("deployments", "leases");

        JsonNode pods = find(resources, "name", "pods");
        assertThat(pods.path("singularName").asString()).isEqualTo("pod");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(pods.path("kind").asString()).isEqualTo("Pod");
        assertThat(texts(pods.path("verbs"))).containsExactly(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
        assertThat(texts(pods.path("shortNames"))).containsExactly("po");
        assertThat(texts(pods.path("categories"))).containsExactly("all");

        JsonNode nodes = find(resources, "name", "nodes");
        assertThat(nodes.path("namespaced").asBoolean()).isFalse();
        assertThat(texts(nodes.path("shortNames"))).containsExactly("no");
        assertThat(nodes.has("categories")).isFalse();

        JsonNode binding = find(resources, "name", "pods/binding");
        assertThat(binding.path("kind").asString()).isEqualTo("Binding");
        assertThat(texts(binding.path("verbs"))).containsExactly("create");
        JsonNode exec = find(resources, "name", "pods/exec");
        assertThat(exec.path("kind").asString()).isEqualTo("PodExecOptions");
        assertThat(texts(exec.path("verbs"))).containsExactly("create", "get");
        JsonNode log = find(resources, "name", "pods/log");
        assertThat(log.path("kind").asString()).isEqualTo("Pod");
        assertThat(texts(log.path("verbs"))).containsExactly("get");
        JsonNode status = find(resources, "name", "pods/status");
        assertThat(status.path("kind").asString()).isEqualTo("Pod");
        assertThat(status.path("namespaced").asBoolean()).isTrue();
        assertThat(texts(status.path("verbs"))).containsExactly("get", "patch", "update");
    }

    @Test
    void appsResourceListHasScale() {
        JsonNode doc = get("/apis/apps/v1", "application/json", "application/json");
        assertThat(doc.path("groupVersion").asString()).isEqualTo("apps/v1");
        JsonNode resources = doc.path("resources");
        JsonNode deployments = find(resources, "name", "deployments");
        assertThat(deployments.path("kind").asString()).isEqualTo("Deployment");
        assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
        for (String name : List.of("deployments/scale", "replicasets/scale")) {
            JsonNode scale = find(resources, "name", name);
            assertThat(scale.path("group").asString()).isEqualTo("autoscaling");
            assertThat(scale.path("version").asString()).isEqualTo("v1");
            assertThat(scale.path("kind").asString()).isEqualTo("Scale");
            assertThat(texts(scale.path("verbs"))).containsExactly("get", "patch", "update");
        }
        find(resources, "name", "deployments/status");
        find(resources, "name", "replicasets/status");

        JsonNode leases = get("/apis/coordination.k8s.io/v1", "application/json", "application/json");
        JsonNode lease = find(leases.path("resources"), "name", "leases");
        assertThat(lease.path("namespaced").asBoolean()).isTrue();
        assertThat(lease.path("singularName").asString()).isEqualTo("lease");
        assertThat(leases.path("resources").size()).isEqualTo(1);
    }

    @Test
    void unknownGroupVersionIsNotFound() {
        client.get().uri("/apis/apps/v2").exchange().expectStatus().isNotFound();
        client.get().uri("/apis/nope/v1").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v2").exchange().expectStatus().isNotFound();
    }

    @Test
    void aggregatedCoreDiscovery() {
        JsonNode doc = get("/api", KUBECTL_ACCEPT, DiscoveryHandler.AGGREGATED_V2_CONTENT_TYPE);
        assertThat(doc.path("kind").asString()).isEqualTo("APIGroupDiscoveryList");
        assertThat(doc.path("apiVersion").asString()).isEqualTo("apidiscovery.k8s.io/v2");
        assertThat(doc.path("items").size()).isEqualTo(1);
        JsonNode core = doc.path("items").get(0);
        assertThat(core.path("metadata").path("name").asString("")).isEmpty();
        JsonNode v1 = core.path("versions").get(0);
        assertThat(v1.path("version").asString()).isEqualTo("v1");
        assertThat(v1.path("freshness").asString()).isEqualTo("Current");

        JsonNode pods = find(v1.path("resources"), "resource", "pods");
        assertThat(pods.path("responseKind").path("group").asString()).isEmpty();
        assertThat(pods.path("responseKind").path("version").asString()).isEqualTo("v1");
        assertThat(pods.path("responseKind").path("kind").asString()).isEqualTo("Pod");
        assertThat(pods.path("scope").asString()).isEqualTo("Namespaced");
        assertThat(pods.path("singularResource").asString()).isEqualTo("pod");
        assertThat(texts(pods.path("verbs"))).contains("get", "list", "watch", "create", "patch", "delete");
        assertThat(texts(pods.path("shortNames"))).containsExactly("po");
        assertThat(texts(pods.path("categories"))).containsExactly("all");
        JsonNode subresources = pods.path("subresources");
        List<String> subNames = new ArrayList<>();
        subresources.forEach(s -> subNames.add(s.path("subresource").asString()));
        assertThat(subNames).containsExactly("binding", "exec", "log", "status");
        JsonNode binding = find(subresources, "subresource", "binding");
        assertThat(binding.path("responseKind").path("kind").asString()).isEqualTo("Binding");
        assertThat(texts(binding.path("verbs"))).containsExactly("create");
        // client-go drops subresources without a responseKind: every one must carry group, version and kind
        subresources.forEach(s -> assertThat(s.path("responseKind").path("kind").asString()).isNotEmpty());

        JsonNode nodes = find(v1.path("resources"), "resource", "nodes");
        assertThat(nodes.path("scope").asString()).isEqualTo("Cluster");
        JsonNode events = find(v1.path("resources"), "resource", "events");
        assertThat(events.has("subresources")).isFalse();
    }

    @Test
    void aggregatedGroupsDiscovery() {
        JsonNode doc = get("/apis", KUBECTL_ACCEPT, DiscoveryHandler.AGGREGATED_V2_CONTENT_TYPE);
        assertThat(doc.path("kind").asString()).isEqualTo("APIGroupDiscoveryList");
        List<String> names = new ArrayList<>();
        doc.path("items").forEach(i -> names.add(i.path("metadata").path("name").asString()));
        assertThat(names).containsExactly("apps", "discovery.k8s.io", "coordination.k8s.io", "rbac.authorization.k8s.io",
            "authorization.k8s.io", "authentication.k8s.io");
        JsonNode discovery = doc.path("items").get(names.indexOf("discovery.k8s.io"));
        JsonNode slices = find(discovery.path("versions").get(0).path("resources"), "resource", "endpointslices");
        assertThat(slices.path("responseKind").path("kind").asString()).isEqualTo("EndpointSlice");
        assertThat(slices.path("scope").asString()).isEqualTo("Namespaced");
        assertThat(slices.path("singularResource").asString()).isEqualTo("endpointslice");
        assertThat(slices.has("shortNames") || slices.has("categories") || slices.has("subresources")).isFalse();
        JsonNode reviews = doc.path("items").get(names.indexOf("authorization.k8s.io")).path("versions").get(0);
        assertThat(texts(find(reviews.path("resources"), "resource", "selfsubjectaccessreviews").path("verbs")))
            .as("reviews are only created").containsExactly("create");
        JsonNode apps = doc.path("items").get(0).path("versions").get(0);
        assertThat(apps.path("version").asString()).isEqualTo("v1");
        JsonNode deployments = find(apps.path("resources"), "resource", "deployments");
        assertThat(deployments.path("responseKind").path("group").asString()).isEqualTo("apps");
        assertThat(deployments.path("responseKind").path("kind").asString()).isEqualTo("Deployment");
        JsonNode scale = find(deployments.path("subresources"), "subresource", "scale");
        assertThat(scale.path("responseKind").path("group").asString()).isEqualTo("autoscaling");
        assertThat(scale.path("responseKind").path("version").asString()).isEqualTo("v1");
        assertThat(scale.path("responseKind").path("kind").asString()).isEqualTo("Scale");
        assertThat(texts(scale.path("verbs"))).containsExactly("get", "patch", "update");
        JsonNode coordination = doc.path("items").get(names.indexOf("coordination.k8s.io"));
        JsonNode leases = find(coordination.path("versions").get(0).path("resources"), "resource", "leases");
        assertThat(leases.path("scope").asString()).isEqualTo("Namespaced");
        assertThat(leases.has("shortNames")).isFalse();
    }

    @Test
    void v2beta1OnlyAndPlainJsonGetLegacy() {
        String beta = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        assertThat(get("/apis", beta, "application/json").path("kind").asString()).isEqualTo("APIGroupList");
        assertThat(get("/api", beta, "application/json").path("kind").asString()).isEqualTo("APIVersions");
        assertThat(get("/apis", "application/json", "application/json").path("kind").asString())
            .isEqualTo("APIGroupList");
        assertThat(get("/apis", "*/*", "application/json").path("kind").asString()).isEqualTo("APIGroupList");
        client.get().uri("/apis").exchange().expectStatus().isOk()
            .expectHeader().contentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void acceptNegotiation() {
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of(KUBECTL_ACCEPT))).isTrue();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of(
            "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io"))).isTrue();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of(
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json"))).isFalse();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of(
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"))).isFalse();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of("application/json"))).isFalse();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of())).isFalse();
        assertThat(DiscoveryHandler.wantsAggregatedV2(List.of("not a media type;;;"))).isFalse();
    }
}
