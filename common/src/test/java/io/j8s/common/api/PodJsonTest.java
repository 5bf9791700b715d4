package io.j8s.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PodJsonTest {

    // Unknown fields at every level a client might put them: top level, metadata, spec, container,
    // probe, status and inside a container status.
    static final String POD = """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata": {
                "name": "web-1",
                "namespace": "default",
                "labels": {"app": "web"},
                "managedFields": [{"manager": "kubectl", "operation": "Apply"}],
                "selfLink": null
              },
              "spec": {
                "containers": [{
                  "name": "web",
                  "image": "nginx:1.25",
                  "ports": [{"containerPort": 80, "protocol": "TCP", "appProtocol": "http"}],
                  "securityContext": {"runAsUser": 1000},
                  "readinessProbe": {
                    "httpGet": {"path": "/healthz", "port": "http"},
                    "periodSeconds": 5,
                    "terminationGracePeriodSeconds": 3
                  },
                  "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "claims": [{"name": "gpu"}]}
                }],
                "dnsPolicy": "ClusterFirst",
                "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule"}],
                "overhead": {"cpu": "10m"}
              },
              "status": {
                "phase": "Running",
                "qosClass": "Burstable",
                "containerStatuses": [{
                  "name": "web",
                  "ready": true,
                  "restartCount": 0,
                  "state": {"running": {"startedAt": "2024-05-01T12:00:00Z"}},
                  "allocatedResources": {"cpu": "100m"}
                }]
              },
              "somethingNew": {"nested": [1, 2, 3]}
            }
            """;

    @Test
    void roundTripKeepsEveryFieldIncludingUnknownOnes() {
        Pod pod = Json.read(POD, Pod.class);

        JsonNode written = Json.tree(Json.write(pod));

        assertThat(written).isEqualTo(Json.tree(POD));
    }

    @Test
    void modelledFieldsAreTypedAndUnknownOnesLandInExtra() {
        Pod pod = Json.read(POD, Pod.class);

        Container web = pod.spec().containers().get(0);
        assertThat(web.image()).isEqualTo("nginx:1.25");
        assertThat(web.ports().get(0).containerPort()).isEqualTo(80);
        assertThat(web.readinessProbe().httpGet().port()).isEqualTo(IntOrString.of("http"));
        assertThat(web.resources().requests()).containsEntry("cpu", "100m");
        assertThat(web.extra()).containsOnlyKeys("securityContext");
        assertThat(pod.metadata().extra()).containsKeys("managedFields", "selfLink");
        assertThat(pod.spec().extra()).containsOnlyKeys("dnsPolicy", "overhead");
        assertThat(pod.extra()).containsOnlyKeys("somethingNew");
        assertThat(pod.status().containerStatuses().get(0).state().running().startedAt())
                .isEqualTo("2024-05-01T12:00:00Z");
    }

    @Test
    void modifiedCopyKeepsUnknownFields() {
        Pod pod = Json.read(POD, Pod.class);

        Pod bound = pod.withSpec(pod.spec().withNodeName("node-1"));

        JsonNode written = Json.tree(Json.write(bound));
        assertThat(written.path("spec").path("nodeName").asString()).isEqualTo("node-1");
        assertThat(written.path("spec").path("dnsPolicy").asString()).isEqualTo("ClusterFirst");
        assertThat(written.path("somethingNew").path("nested").size()).isEqualTo(3);
    }

    @Test
    void nullsAreOmittedAndKindDefaultsAreFilled() {
        Pod pod = Pod.of(ObjectMeta.of("default", "p"), PodSpec.of(List.of(
                Container.of("c", "busybox").withPorts(List.of(ContainerPort.of(8080))))));

        String json = Json.write(pod);

        assertThat(Json.tree(json)).isEqualTo(Json.tree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"},
                 "spec":{"containers":[{"name":"c","image":"busybox","ports":[{"containerPort":8080}]}]}}
                """));
    }

    @Test
    void missingApiVersionAndKindAreDefaultedOnRead() {
        Pod pod = Json.read("{\"metadata\":{\"name\":\"p\"}}", Pod.class);

        assertThat(pod.apiVersion()).isEqualTo("v1");
        assertThat(pod.kind()).isEqualTo("Pod");
    }

    @Test
    void numericLabelAndQuantityValuesAreReadAsStrings() {
        // YAML manifests often say `cpu: 1` or `version: 2`; Kubernetes accepts them as strings.
        Pod pod = Json.read("""
                {"metadata":{"labels":{"version":2}},
                 "spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":1}}}]}}
                """, Pod.class);

        assertThat(pod.metadata().labels()).isEqualTo(Map.of("version", "2"));
        assertThat(pod.spec().containers().get(0).resources().limits()).isEqualTo(Map.of("cpu", "1"));
    }
}
