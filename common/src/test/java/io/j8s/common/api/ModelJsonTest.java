package io.j8s.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentStrategy;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.Status;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelJsonTest {

    @Test
    void deploymentRoundTripsWithIntOrStringSurge() {
        String json = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
                   "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
                 "status":{"observedGeneration":2,"replicas":3,"conditions":[
                   {"type":"Available","status":"True","lastUpdateTime":"2024-05-01T12:00:00Z","reason":"MinimumReplicasAvailable"}]}}
                """;

        Deployment d = Json.read(json, Deployment.class);

        DeploymentStrategy.RollingUpdate ru = d.spec().strategy().rollingUpdate();
        assertThat(ru.maxSurge()).isEqualTo(IntOrString.of("25%"));
        assertThat(ru.maxUnavailable()).isEqualTo(IntOrString.of(0));
        assertThat(d.spec().template().spec().containers()).hasSize(1);
        assertThat(Json.tree(Json.write(d))).isEqualTo(Json.tree(json));
    }

    @Test
    void serviceTargetPortIsANumberOrAName() {
        String json = """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
                 "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080},{"name":"h","port":81,"targetPort":"http"}]}}
                """;

        Service s = Json.read(json, Service.class);

        assertThat(s.spec().ports().get(0).targetPort().intValue()).isEqualTo(8080);
        assertThat(s.spec().ports().get(1).targetPort().strValue()).isEqualTo("http");
        assertThat(Json.tree(Json.write(s))).isEqualTo(Json.tree(json));
    }

    @Test
    void endpointSliceKeepsWhatItDoesNotModel() {
        String json = """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
                 "metadata":{"name":"web-abc12","namespace":"default","labels":{"kubernetes.io/service-name":"web"}},
                 "addressType":"IPv4",
                 "endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true,"serving":true,"terminating":false},
                   "targetRef":{"kind":"Pod","namespace":"default","name":"web-1","uid":"u1"},"nodeName":"node-1",
                   "zone":"a","hints":{"forZones":[{"name":"a"}]}}],
                 "ports":[{"name":"http","port":8080,"protocol":"TCP","appProtocol":"http"}]}
                """;

        EndpointSlice slice = Json.read(json, EndpointSlice.class);

        assertThat(slice.endpoints().get(0).conditions().ready()).isTrue();
        assertThat(slice.endpoints().get(0).extra()).containsKey("hints");
        assertThat(slice.ports().get(0).port()).isEqualTo(8080);
        assertThat(Json.tree(Json.write(slice))).isEqualTo(Json.tree(json));
    }

    @Test
    void intOrStringRejectsObjects() {
        assertThatThrownBy(() -> Json.read("{\"port\":80,\"targetPort\":{\"x\":1}}",
                io.j8s.common.api.core.ServicePort.class))
                .hasMessageContaining("expected an int or a string");
    }

    @Test
    void nodeDaemonEndpointUsesKubernetesCapitalPort() {
        String json = """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
                 "spec":{"taints":[{"key":"k","value":"v","effect":"NoSchedule"}]},
                 "status":{"capacity":{"cpu":"4","pods":"110"},"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
                   "nodeInfo":{"kubeletVersion":"v1.30.0-j8s"},"addresses":[{"type":"InternalIP","address":"127.0.0.1"}]}}
                """;

        Node n = Json.read(json, Node.class);

        assertThat(n.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
        assertThat(Json.tree(Json.write(n))).isEqualTo(Json.tree(json));
    }

    @Test
    void listMetaWritesContinueUnderItsKubernetesName() {
        KubeList<Lease> list = Json.read("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"LeaseList",
                 "metadata":{"resourceVersion":"42","continue":"abc"},
                 "items":[{"metadata":{"name":"l"},"spec":{"holderIdentity":"me","renewTime":"2024-05-01T12:00:00.123456Z"}}]}
                """, Json.parametricType(KubeList.class, Lease.class));

        assertThat(list.metadata().continueToken()).isEqualTo("abc");
        assertThat(list.resourceVersion()).isEqualTo("42");
        assertThat(list.items().get(0).spec().holderIdentity()).isEqualTo("me");
        assertThat(list.items().get(0).kind()).isEqualTo("Lease");
        assertThat(Json.tree(Json.write(list)).path("metadata").path("continue").asString()).isEqualTo("abc");
    }

    @Test
    void emptyListStillHasItems() {
        KubeList<Node> list = KubeList.of("v1", "NodeList", null, null);

        JsonNode json = Json.tree(Json.write(list));

        assertThat(json.path("items").isArray()).isTrue();
        assertThat(json.path("metadata").isObject()).isTrue();
    }

    @Test
    void statusLooksLikeKubernetes() {
        Status notFound = Status.failure(404, "NotFound", "pods \"x\" not found")
                .withDetails(Status.Details.of("", "pods", "x"));

        assertThat(Json.tree(Json.write(notFound))).isEqualTo(Json.tree("""
                {"apiVersion":"v1","kind":"Status","metadata":{},"status":"Failure","message":"pods \\"x\\" not found",
                 "reason":"NotFound","details":{"name":"x","group":"","kind":"pods"},"code":404}
                """));
    }

    @Test
    void watchEventSerializesTypeAndObject() {
        String json = Json.write(WatchEvent.added(Status.success()));

        assertThat(Json.tree(json).path("type").asString()).isEqualTo("ADDED");
        assertThat(Json.tree(json).path("object").path("kind").asString()).isEqualTo("Status");
    }

    @Test
    void deleteOptionsCarryPreconditions() {
        String json = Json.write(DeleteOptions.propagation(DeleteOptions.FOREGROUND).withPreconditions("u1", null));

        assertThat(Json.tree(json)).isEqualTo(Json.tree("""
                {"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Foreground","preconditions":{"uid":"u1"}}
                """));
    }

    @Test
    void deploymentListReadsItemsAsTypedObjects() {
        KubeList<Deployment> list = Json.read("{\"items\":[{\"metadata\":{\"name\":\"a\"}}]}",
                Json.parametricType(KubeList.class, Deployment.class));

        assertThat(list.items()).extracting(Deployment::name).isEqualTo(List.of("a"));
    }
}
