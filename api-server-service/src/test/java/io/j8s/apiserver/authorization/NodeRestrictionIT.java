package io.j8s.apiserver.authorization;

import static io.j8s.apiserver.SecureApiServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.apiserver.SecureApiServer.Response;
import io.j8s.testsupport.ApiServerProcess;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node agent's token (system:node:<name> in system:nodes) against the real server: it may register and renew only
 * its own Node and Lease, and read and report on only the pods bound to it; everything else is 403 and changes
 * nothing in etcd.
 */
class NodeRestrictionIT {

    private static final String MERGE = "application/merge-patch+json";
    private static ApiServerProcess server;
    private static String nodeA;
    private static String nodeB;
    private static String namespace;

    @BeforeAll
    static void nodes() throws IOException {
        server = SecureApiServer.get();
        nodeA = server.addUser("system:node:node-a", "system:nodes");
        nodeB = server.addUser("system:node:node-b", "system:nodes");
        namespace = SecureApiServer.newNamespace();
        for (String pod : new String[] {"on-a", "on-b"}) {
            assertThat(call("POST", "/api/v1/namespaces/" + namespace + "/pods", server.adminToken(),
                SecureApiServer.pod(pod, pod.equals("on-a") ? "node-a" : "node-b")).code()).isEqualTo(201);
        }
        assertThat(call("POST", "/apis/apps/v1/namespaces/" + namespace + "/deployments", server.adminToken(),
            SecureApiServer.deployment("web")).code()).isEqualTo(201);
    }

    @Test
    void aNodeRegistersAndHeartbeatsOnlyItself() {
        assertThat(call("POST", "/api/v1/nodes", nodeA, "{\"metadata\":{\"name\":\"node-a\","
            + "\"labels\":{\"kubernetes.io/hostname\":\"node-a\"}}}").code()).isEqualTo(201);
        assertThat(call("PATCH", "/api/v1/nodes/node-a/status", nodeA,
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}", MERGE).code()).isEqualTo(200);
        assertThat(call("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", nodeA,
            "{\"metadata\":{\"name\":\"node-a\"},\"spec\":{\"holderIdentity\":\"node-a\"}}").code()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/nodes/node-a", nodeA, null).code()).isEqualTo(200);

        long before = SecureApiServer.etcdRevision();
        Response other = call("POST", "/api/v1/nodes", nodeA, "{\"metadata\":{\"name\":\"node-b\"}}");
        assertThat(other.code()).isEqualTo(403);
        assertThat(other.message()).isEqualTo(
            "nodes \"node-b\" is forbidden: node \"node-a\" is not allowed to modify node \"node-b\"");
        assertThat(call("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", nodeA,
            "{\"metadata\":{\"name\":\"node-b\"},\"spec\":{\"holderIdentity\":\"node-b\"}}").code()).isEqualTo(403);
        assertThat(call("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", nodeA,
            "{\"metadata\":{\"name\":\"node-a\"},\"spec\":{\"holderIdentity\":\"node-a\"}}").code()).isEqualTo(403);
        assertThat(call("PATCH", "/api/v1/nodes/node-a", nodeA, "{\"spec\":{\"taints\":[{\"key\":\"k\","
            + "\"effect\":\"NoSchedule\"}]}}", MERGE).message()).contains("is not allowed to modify taints");
        assertThat(call("PATCH", "/api/v1/nodes/node-a", nodeA,
            "{\"metadata\":{\"labels\":{\"node-restriction.kubernetes.io/secure\":\"true\"}}}", MERGE).code())
            .isEqualTo(403);
        assertThat(call("GET", "/api/v1/nodes", nodeA, null).code()).as("other nodes are not its business")
            .isEqualTo(403);
        assertThat(SecureApiServer.etcdRevision()).isEqualTo(before);
    }

    @Test
    void aNodeCannotTouchAnotherNodesPods() {
        String podB = "/api/v1/namespaces/" + namespace + "/pods/on-b";
        long before = SecureApiServer.etcdRevision();

        Response status = call("PATCH", podB + "/status", nodeA, "{\"status\":{\"phase\":\"Failed\"}}", MERGE);
        assertThat(status.code()).isEqualTo(403);
        assertThat(status.message()).isEqualTo("pods \"on-b\" is forbidden: node \"node-a\" can only update pod "
            + "status for pods with spec.nodeName set to itself");
        Response delete = call("DELETE", podB, nodeA, null);
        assertThat(delete.code()).isEqualTo(403);
        assertThat(delete.message()).contains("can only delete pods with spec.nodeName set to itself");
        assertThat(call("PUT", podB, nodeA, SecureApiServer.pod("on-b", "node-a")).code()).isEqualTo(403);
        assertThat(call("GET", podB, nodeA, null).message())
            .endsWith("no relationship found between node 'node-a' and this object");
        assertThat(call("GET", "/api/v1/pods", nodeA, null).message())
            .endsWith("can only list/watch pods with spec.nodeName field selector");
        assertThat(call("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-b", nodeA, null).code())
            .isEqualTo(403);
        assertThat(call("POST", "/api/v1/namespaces/" + namespace + "/pods", nodeA,
            SecureApiServer.pod("sneaky", "node-a")).message()).contains("can only create mirror pods");
        assertThat(SecureApiServer.etcdRevision()).isEqualTo(before);
    }

    @Test
    void aNodeReportsOnItsOwnPodsThroughStatusButNeverRelabelsThem() {
        String podA = "/api/v1/namespaces/" + namespace + "/pods/on-a";
        assertThat(call("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a", nodeA, null).json()
            .path("items").size()).isEqualTo(1);
        assertThat(call("GET", podA, nodeA, null).code()).isEqualTo(200);

        Response reported = call("PATCH", podA + "/status", nodeA, "{\"metadata\":{\"annotations\":"
            + "{\"j8s.io/host-ports\":\"{\\\"80/TCP\\\":41000}\"}},\"status\":{\"phase\":\"Running\"}}", MERGE);
        assertThat(reported.code()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().path("status").path("phase").asString()).isEqualTo("Running");
        assertThat(reported.json().path("metadata").path("annotations").path("j8s.io/host-ports").asString())
            .isEqualTo("{\"80/TCP\":41000}");
        Response relabel = call("PATCH", podA + "/status", nodeA, "{\"metadata\":{\"labels\":{\"app\":\"mine\"}}}",
            MERGE);
        assertThat(relabel.json().path("metadata").path("labels").path("app").asString())
            .as("labels never change through /status").isEqualTo("x");
    }

    @Test
    void aNodeCannotModifyAnyDeployment() {
        String deployments = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
        long before = SecureApiServer.etcdRevision();

        for (Response response : new Response[] {
            call("POST", deployments, nodeB, SecureApiServer.deployment("mine")),
            call("PUT", deployments + "/web", nodeB, SecureApiServer.deployment("web")),
            call("PATCH", deployments + "/web", nodeB, "{\"spec\":{\"replicas\":5}}", MERGE),
            call("PATCH", deployments + "/web/scale", nodeB, "{\"spec\":{\"replicas\":5}}", MERGE),
            call("DELETE", deployments + "/web", nodeB, null),
            call("DELETE", deployments, nodeB, null),
            call("GET", deployments, nodeB, null)}) {
            assertThat(response.code()).as(response.body()).isEqualTo(403);
            assertThat(response.message()).contains("User \"system:node:node-b\" cannot");
        }
        assertThat(SecureApiServer.etcdRevision()).isEqualTo(before);
    }
}
