package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class CrudIT extends ApiServerTestBase {

    @Test
    void systemNamespacesExistFromTheStart() {
        JsonNode list = get("/api/v1/namespaces");
        assertThat(list.path("kind").asString()).isEqualTo("NamespaceList");
        assertThat(itemNames(list))
            .contains("default", "kube-system", "kube-node-lease");
        assertThat(get("/api/v1/namespaces/default").path("status").path("phase").asString()).isEqualTo("Active");
    }

    @Test
    void createdPodGetsServerSetMetadataAndLandsInEtcdUnderItsKey() throws Exception {
        String ns = newNamespace();
        JsonNode created = create("/api/v1/namespaces/" + ns + "/pods", pod("web-1"));
        JsonNode meta = created.path("metadata");
        assertThat(meta.path("uid").asString()).hasSize(36);
        assertThat(meta.path("creationTimestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(meta.path("resourceVersion").asString()).matches("\\d+");
        assertThat(meta.path("namespace").asString()).isEqualTo(ns);
        assertThat(created.path("status").path("phase").asString()).isEqualTo("Pending");

        JsonNode read = get("/api/v1/namespaces/" + ns + "/pods/web-1");
        assertThat(read.path("metadata").path("uid")).isEqualTo(meta.path("uid"));
        String stored = etcd().etcdctl("get", "/registry/pods/" + ns + "/web-1", "--print-value-only");
        assertThat(Json.tree(stored).path("metadata").path("uid").asString()).isEqualTo(meta.path("uid").asString());
        // The resourceVersion is etcd's mod revision, never stored inside the value.
        assertThat(Json.tree(stored).path("metadata").has("resourceVersion")).isFalse();
    }

    @Test
    void unknownFieldsAreKeptAtEveryLevel() {
        String ns = newNamespace();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"futureTop\":1,"
            + "\"metadata\":{\"name\":\"keep\",\"futureMeta\":\"m\"},"
            + "\"spec\":{\"futureSpec\":{\"a\":[1,2]},\"containers\":[{\"name\":\"c\",\"image\":\"busybox\",\"futureC\":true}]}}";
        create("/api/v1/namespaces/" + ns + "/pods", body);
        JsonNode read = get("/api/v1/namespaces/" + ns + "/pods/keep");
        assertThat(read.path("futureTop").asInt()).isEqualTo(1);
        assertThat(read.path("metadata").path("futureMeta").asString()).isEqualTo("m");
        assertThat(read.path("spec").path("futureSpec").path("a").size()).isEqualTo(2);
        assertThat(read.path("spec").path("containers").get(0).path("futureC").asBoolean()).isTrue();
    }

    @Test
    void yamlBodiesAreAcceptedAndDefaultsApplied() {
        String ns = newNamespace();
        String yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: busybox:1.36
            """;
        String body = client().post().uri("/apis/apps/v1/namespaces/" + ns + "/deployments")
            .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(yaml)
            .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        JsonNode spec = Json.tree(body).path("spec");
        assertThat(spec.path("strategy").path("type").asString()).isEqualTo("RollingUpdate");
        assertThat(spec.path("strategy").path("rollingUpdate").path("maxSurge").asString()).isEqualTo("25%");
        assertThat(spec.path("revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(spec.path("progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(spec.path("template").path("spec").path("restartPolicy").asString()).isEqualTo("Always");
        assertThat(spec.path("template").path("spec").path("containers").get(0).path("imagePullPolicy").asString())
            .isEqualTo("IfNotPresent");
        assertThat(Json.tree(body).path("metadata").path("generation").asInt()).isEqualTo(1);
    }

    @Test
    void generateNameGivesAUniqueName() {
        String ns = newNamespace();
        String body = "{\"metadata\":{\"generateName\":\"job-\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
        JsonNode a = create("/api/v1/namespaces/" + ns + "/pods", body);
        JsonNode b = create("/api/v1/namespaces/" + ns + "/pods", body);
        assertThat(a.path("metadata").path("name").asString()).matches("job-[a-z0-9]{5}");
        assertThat(a.path("metadata").path("name")).isNotEqualTo(b.path("metadata").path("name"));
    }

    @Test
    void clusterScopedKindsLiveOutsideNamespaces() throws Exception {
        String name = "node-" + System.nanoTime();
        create("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"}}");
        assertThat(get("/api/v1/nodes/" + name).path("metadata").has("namespace")).isFalse();
        assertThat(etcd().etcdctl("get", "/registry/nodes/" + name, "--keys-only")).contains("/registry/nodes/" + name);
    }

    @Test
    void updateBumpsGenerationOnlyWhenTheSpecChanges() {
        String ns = newNamespace();
        String path = "/apis/apps/v1/namespaces/" + ns + "/replicasets";
        create(path, "{\"metadata\":{\"name\":\"rs\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}");
        patchMerge(path + "/rs", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        assertThat(get(path + "/rs").path("metadata").path("generation").asInt()).isEqualTo(1);
        patchMerge(path + "/rs", "{\"spec\":{\"replicas\":3}}");
        assertThat(get(path + "/rs").path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        String ns = newNamespace();
        String path = "/api/v1/namespaces/" + ns + "/pods/st";
        create("/api/v1/namespaces/" + ns + "/pods", pod("st"));
        // The main endpoint ignores status...
        patchMerge(path, "{\"status\":{\"phase\":\"Running\"},\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}");
        JsonNode afterMain = get(path);
        assertThat(afterMain.path("status").path("phase").asString()).isEqualTo("Pending");
        assertThat(afterMain.path("metadata").path("labels").path("seen").asString()).isEqualTo("yes");
        // ...and /status ignores everything else.
        patchMerge(path + "/status", "{\"status\":{\"phase\":\"Running\"},\"metadata\":{\"labels\":{\"seen\":\"no\"}}}");
        JsonNode afterStatus = get(path);
        assertThat(afterStatus.path("status").path("phase").asString()).isEqualTo("Running");
        assertThat(afterStatus.path("metadata").path("labels").path("seen").asString()).isEqualTo("yes");
    }

    @Test
    void jsonPatchAndMergePatchApply() {
        String ns = newNamespace();
        String path = "/api/v1/namespaces/" + ns + "/pods/p";
        create("/api/v1/namespaces/" + ns + "/pods", pod("p"));
        client().patch().uri(path).contentType(MediaType.parseMediaType("application/json-patch+json"))
            .bodyValue("[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"a\":\"1\"}},"
                + "{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"busybox:2\"}]")
            .exchange().expectStatus().isOk();
        patchMerge(path, "{\"metadata\":{\"labels\":{\"app\":null}}}");
        JsonNode pod = get(path);
        assertThat(pod.path("metadata").path("annotations").path("a").asString()).isEqualTo("1");
        assertThat(pod.path("spec").path("containers").get(0).path("image").asString()).isEqualTo("busybox:2");
        assertThat(pod.path("metadata").path("labels").has("app")).isFalse();
    }

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        String ns = newNamespace();
        String path = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        create(path, "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}");
        JsonNode scale = get(path + "/d/scale");
        assertThat(scale.path("kind").asString()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asString()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("selector").asString()).isEqualTo("a=b");
        patchMerge(path + "/d/scale", "{\"spec\":{\"replicas\":4}}");
        assertThat(get(path + "/d").path("spec").path("replicas").asInt()).isEqualTo(4);
        scale = get(path + "/d/scale");
        ((tools.jackson.databind.node.ObjectNode) scale.path("spec")).put("replicas", 6);
        client().put().uri(path + "/d/scale").contentType(MediaType.APPLICATION_JSON).bodyValue(scale.toString())
            .exchange().expectStatus().isOk();
        assertThat(get(path + "/d").path("spec").path("replicas").asInt()).isEqualTo(6);
    }

    @Test
    void bindingSetsTheNodeOnceAndMarksThePodScheduled() {
        String ns = newNamespace();
        create("/api/v1/namespaces/" + ns + "/pods", pod("b"));
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"b\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}";
        client().post().uri("/api/v1/namespaces/" + ns + "/pods/b/binding").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(binding).exchange().expectStatus().isCreated();
        JsonNode pod = get("/api/v1/namespaces/" + ns + "/pods/b");
        assertThat(pod.path("spec").path("nodeName").asString()).isEqualTo("node-1");
        assertThat(pod.path("status").path("conditions").findValuesAsString("type")).contains("PodScheduled");
        client().post().uri("/api/v1/namespaces/" + ns + "/pods/b/binding").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(binding.replace("node-1", "node-2")).exchange().expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.reason").isEqualTo("Conflict");
        assertThat(get("/api/v1/namespaces/" + ns + "/pods/b").path("spec").path("nodeName").asString()).isEqualTo("node-1");
    }

    @Test
    void allNamespacesListsSpanNamespaces() {
        String a = newNamespace();
        String b = newNamespace();
        create("/api/v1/namespaces/" + a + "/pods", pod("x", "{\"spread\":\"" + a + "\"}"));
        create("/api/v1/namespaces/" + b + "/pods", pod("x", "{\"spread\":\"" + a + "\"}"));
        JsonNode list = get("/api/v1/pods?labelSelector=spread=" + a);
        assertThat(list.path("items").findValuesAsString("namespace")).containsExactlyInAnyOrder(a, b);
    }

    void patchMerge(String path, String json) {
        client().patch().uri(path).contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue(json).exchange().expectStatus().isOk();
    }
}
