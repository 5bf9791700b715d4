package io.j8s.apiserver.rest.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Tables as kubectl asks for them and prints them: negotiation, the Table shape, and kubectl's cells per kind. */
class ResponseViewTest {

    private static final String KUBECTL_GET = "application/json;as=Table;v=v1;g=meta.k8s.io,"
        + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @Test
    void kubectlGetIsAnsweredWithATableAndProtobufFirstClientsWithJson() {
        assertThat(ResponseView.negotiate(request(KUBECTL_GET)).shape()).isEqualTo(ResponseView.Shape.TABLE);
        assertThat(ResponseView.negotiate(request(KUBECTL_GET)).contentType())
            .isEqualTo("application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(ResponseView.negotiate(request("application/vnd.kubernetes.protobuf,application/json")).isObject())
            .isTrue();
        assertThat(ResponseView.negotiate(request("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"))
            .shape()).isEqualTo(ResponseView.Shape.PARTIAL_METADATA);
        assertThat(ResponseView.negotiate(MockServerRequest.builder().build()).isObject()).isTrue();
    }

    @Test
    void aListBecomesATableWithColumnsRowsAndPartialMetadata() {
        ObjectNode list = (ObjectNode) Json.tree("""
            {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"abc"},"items":[
             {"kind":"Pod","metadata":{"name":"web-1","namespace":"demo","labels":{"app":"web"},
              "creationTimestamp":"%s"},"spec":{"containers":[{"name":"web"}],"nodeName":"node-1"},
              "status":{"phase":"Running","podIP":"10.0.0.5","conditions":[{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"web","ready":true,"restartCount":2,"state":{"running":{}},
                "lastState":{"terminated":{"finishedAt":"%s"}}}]}}]}"""
            .formatted(Instant.now().minusSeconds(300), Instant.now().minusSeconds(65)));
        JsonNode table = ResponseView.negotiate(request(KUBECTL_GET)).list("Pod", list);
        assertThat(table.path("kind").asString()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.at("/metadata/resourceVersion").asString()).isEqualTo("42");
        assertThat(table.at("/metadata/continue").asString()).isEqualTo("abc");
        List<String> columns = new java.util.ArrayList<>();
        table.path("columnDefinitions").forEach(column -> columns.add(column.path("name").asString()));
        assertThat(columns).containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node",
            "Readiness Gates");
        assertThat(table.at("/columnDefinitions/5/priority").asInt()).isEqualTo(1);
        assertThat(table.at("/rows/0/cells").toString())
            .isEqualTo("[\"web-1\",\"1/1\",\"Running\",\"2 (65s ago)\",\"5m\",\"10.0.0.5\",\"node-1\",\"<none>\",\"<none>\"]");
        assertThat(table.at("/rows/0/object/kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(table.at("/rows/0/object/metadata/labels/app").asString()).isEqualTo("web");
    }

    @Test
    void workloadServiceNodeAndEventCellsAreKubectls() {
        Instant now = Instant.now();
        ObjectNode deployment = (ObjectNode) Json.tree("""
            {"metadata":{"name":"web","creationTimestamp":"%s"},"spec":{"replicas":3,
             "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
             "template":{"spec":{"containers":[{"name":"web","image":"busybox:1.36"},{"name":"log","image":"busybox"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""".formatted(now.minusSeconds(7200)));
        assertThat(new DeploymentPrinter().cells(deployment, now))
            .containsExactly("web", "2/3", 3L, 2L, "120m", "web,log", "busybox:1.36,busybox", "app=web,tier in (a,b)");
        ObjectNode service = (ObjectNode) Json.tree("""
            {"metadata":{"name":"web","creationTimestamp":"%s"},"spec":{"type":"NodePort","clusterIP":"10.96.0.10",
             "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}],"selector":{"b":"2","a":"1"}}}"""
            .formatted(now.minusSeconds(30)));
        assertThat(new ServicePrinter().cells(service, now))
            .containsExactly("web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "30s", "a=1,b=2");
        ObjectNode node = (ObjectNode) Json.tree("""
            {"metadata":{"name":"n1","labels":{"node-role.kubernetes.io/worker":""}},"spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}""");
        assertThat(new NodePrinter().cells(node, now).subList(0, 3)).containsExactly("n1", "NotReady,SchedulingDisabled",
            "worker");
        ObjectNode event = (ObjectNode) Json.tree("""
            {"metadata":{"name":"web.1"},"involvedObject":{"kind":"ReplicaSet","name":"web-abc"},"reason":"SuccessfulCreate",
             "type":"Normal","message":"Created pod: web-abc-1 ","count":3,"source":{"component":"replicaset-controller"},
             "firstTimestamp":"%s","lastTimestamp":"%s"}""".formatted(now.minusSeconds(600), now.minusSeconds(20)));
        assertThat(new EventPrinter().cells(event, now)).containsExactly("20s", "Normal", "SuccessfulCreate",
            "replicaset/web-abc", "", "replicaset-controller", "Created pod: web-abc-1", "10m", 3L, "web.1");
        ObjectNode endpoints = (ObjectNode) Json.tree("""
            {"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]}]}""");
        assertThat(EndpointsPrinter.format(endpoints.path("subsets"))).isEqualTo("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...");
    }

    @Test
    void agesReadAsKubectlPrintsThem() {
        assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.format(Duration.ofSeconds(5 * 60 + 3))).isEqualTo("5m3s");
        assertThat(HumanDuration.format(Duration.ofMinutes(190))).isEqualTo("3h10m");
        assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.format(Duration.ofHours(24 * 3 + 5))).isEqualTo("3d5h");
        assertThat(HumanDuration.format(Duration.ofDays(400))).isEqualTo("400d");
        assertThat(HumanDuration.since("", Instant.now())).isEqualTo("<unknown>");
    }

    private static MockServerRequest request(String accept) {
        return MockServerRequest.builder().header(HttpHeaders.ACCEPT, accept).build();
    }
}
