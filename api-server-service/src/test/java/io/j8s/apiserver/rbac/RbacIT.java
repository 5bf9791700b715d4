package io.j8s.apiserver.rbac;

import static io.j8s.apiserver.SecureApiServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.apiserver.SecureApiServer.Response;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RBAC through the API: roles and bindings written by users, evaluated on the next request. */
class RbacIT {

    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
    private final ApiServerProcess server = SecureApiServer.get();

    @Test
    void viewCanListButNotCreate() throws IOException {
        String namespace = SecureApiServer.newNamespace();
        String viewer = server.addUser("viewer-" + namespace);
        SecureApiServer.bind(namespace, "viewer-" + namespace, "view");

        assertThat(call("GET", "/api/v1/namespaces/" + namespace + "/pods", viewer, null).code()).isEqualTo(200);
        assertThat(call("GET", "/apis/apps/v1/namespaces/" + namespace + "/deployments", viewer, null).code())
            .isEqualTo(200);
        long before = SecureApiServer.etcdRevision();
        Response create = call("POST", "/api/v1/namespaces/" + namespace + "/pods", viewer,
            SecureApiServer.pod("nope", null));
        assertThat(create.code()).isEqualTo(403);
        assertThat(create.json().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(create.message()).isEqualTo("pods is forbidden: User \"viewer-" + namespace
            + "\" cannot create resource \"pods\" in API group \"\" in the namespace \"" + namespace + "\"");
        assertThat(SecureApiServer.etcdRevision()).isEqualTo(before);
    }

    @Test
    void aRoleBindingGrantingEditAllowsCreatesInItsNamespaceAndNowhereElse() throws IOException {
        String mine = SecureApiServer.newNamespace();
        String other = SecureApiServer.newNamespace();
        String user = "editor-" + mine;
        String token = server.addUser(user, "devs");
        assertThat(call("POST", "/apis/apps/v1/namespaces/" + mine + "/deployments", token,
            SecureApiServer.deployment("web")).code()).as("before the binding").isEqualTo(403);

        SecureApiServer.bind(mine, user, "edit");

        assertThat(call("POST", "/apis/apps/v1/namespaces/" + mine + "/deployments", token,
            SecureApiServer.deployment("web")).code()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/namespaces/" + mine + "/pods", token, SecureApiServer.pod("p", null)).code())
            .isEqualTo(201);
        Response elsewhere = call("POST", "/apis/apps/v1/namespaces/" + other + "/deployments", token,
            SecureApiServer.deployment("web"));
        assertThat(elsewhere.code()).isEqualTo(403);
        assertThat(elsewhere.message()).isEqualTo("deployments.apps is forbidden: User \"" + user
            + "\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"" + other + "\"");
        assertThat(call("GET", "/apis/apps/v1/deployments", token, null).code()).as("all namespaces").isEqualTo(403);
        assertThat(call("POST", RBAC + "/namespaces/" + mine + "/rolebindings", token, binding("x", "admin", user))
            .code()).as("edit does not grant RBAC").isEqualTo(403);

        // revoking takes effect on the next requests: the RBAC cache follows etcd
        assertThat(call("DELETE", RBAC + "/namespaces/" + mine + "/rolebindings/" + user + "-edit",
            server.adminToken(), null).code()).isEqualTo(200);
        Await.until("the revoked binding stops applying", Duration.ofSeconds(10), () -> call("POST",
            "/api/v1/namespaces/" + mine + "/pods", token, SecureApiServer.pod("late", null)).code() == 403);
    }

    @Test
    void aNamespaceAdminMayGrantWhatItHoldsButNothingMore() throws IOException {
        String namespace = SecureApiServer.newNamespace();
        String admin = "ns-admin-" + namespace;
        String token = server.addUser(admin);
        SecureApiServer.bind(namespace, admin, "admin");

        assertThat(call("POST", RBAC + "/namespaces/" + namespace + "/rolebindings", token,
            binding("friend-edit", "edit", "friend")).code()).isEqualTo(201);
        assertThat(call("POST", RBAC + "/namespaces/" + namespace + "/roles", token, role("pod-reader",
            "{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}")).code()).isEqualTo(201);

        Response toClusterAdmin = call("POST", RBAC + "/namespaces/" + namespace + "/rolebindings", token,
            binding("friend-root", "cluster-admin", "friend"));
        assertThat(toClusterAdmin.code()).isEqualTo(403);
        assertThat(toClusterAdmin.message()).startsWith("rolebindings.rbac.authorization.k8s.io \"friend-root\" is "
            + "forbidden: user \"" + admin + "\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC "
            + "permissions not currently held:");
        Response nodeRole = call("POST", RBAC + "/namespaces/" + namespace + "/roles", token, role("node-editor",
            "{\"verbs\":[\"update\"],\"apiGroups\":[\"\"],\"resources\":[\"nodes\"]}"));
        assertThat(nodeRole.code()).isEqualTo(403);
        assertThat(nodeRole.message()).contains("{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"update\"]}");
        assertThat(call("POST", RBAC + "/clusterrolebindings", token, "{\"metadata\":{\"name\":\"mine\"},"
            + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"view\"},"
            + "\"subjects\":[{\"kind\":\"User\",\"name\":\"" + admin + "\"}]}").code()).isEqualTo(403);
    }

    @Test
    void rbacObjectsAreValidated() {
        String namespace = SecureApiServer.newNamespace();
        Response noRoleRef = call("POST", RBAC + "/namespaces/" + namespace + "/rolebindings", server.adminToken(),
            "{\"metadata\":{\"name\":\"b\"},\"subjects\":[{\"kind\":\"Robot\",\"name\":\"r\"}]}");
        assertThat(noRoleRef.code()).isEqualTo(422);
        assertThat(noRoleRef.body()).contains("roleRef").contains("subjects[0].kind");

        Response badRule = call("POST", RBAC + "/namespaces/" + namespace + "/roles", server.adminToken(),
            role("r", "{\"verbs\":[],\"nonResourceURLs\":[\"/metrics\"]}"));
        assertThat(badRule.code()).isEqualTo(422);
        assertThat(badRule.body()).contains("rules[0].verbs").contains("namespaced rules cannot apply to non-resource");

        assertThat(call("POST", RBAC + "/namespaces/" + namespace + "/rolebindings", server.adminToken(),
            binding("b", "view", "someone")).code()).isEqualTo(201);
        Response changed = call("PATCH", RBAC + "/namespaces/" + namespace + "/rolebindings/b", server.adminToken(),
            "{\"roleRef\":{\"name\":\"edit\"}}", "application/merge-patch+json");
        assertThat(changed.code()).isEqualTo(422);
        assertThat(changed.message()).contains("cannot change roleRef");
    }

    @Test
    void accessAndRulesReviewsAnswerForTheCaller() throws IOException {
        String namespace = SecureApiServer.newNamespace();
        String token = server.addUser("reviewer-" + namespace);
        SecureApiServer.bind(namespace, "reviewer-" + namespace, "view");

        assertThat(canI(token, namespace, "list", "pods")).isTrue();
        assertThat(canI(token, namespace, "create", "pods")).isFalse();
        assertThat(canI(token, "default", "list", "pods")).isFalse();
        assertThat(canI(server.adminToken(), "", "delete", "nodes")).isTrue();

        JsonNode rules = call("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", token,
            "{\"spec\":{\"namespace\":\"" + namespace + "\"}}").json().path("status");
        assertThat(rules.path("incomplete").asBoolean()).isFalse();
        assertThat(rules.path("resourceRules").toString()).contains("\"pods\"");
        assertThat(rules.path("nonResourceRules").toString()).contains("/version");

        Response bad = call("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token,
            "{\"spec\":{}}");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(call("GET", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token, null).code())
            .as("reviews can only be created").isEqualTo(403);
        assertThat(call("GET", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", server.adminToken(), null)
            .code()).isEqualTo(405);
        assertThat(call("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", token,
            "{\"spec\":{\"user\":\"x\",\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\"}}}").code())
            .as("asking about others is for admins").isEqualTo(403);
        JsonNode forOther = call("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", server.adminToken(),
            "{\"spec\":{\"user\":\"reviewer-" + namespace + "\",\"resourceAttributes\":{\"namespace\":\"" + namespace
                + "\",\"verb\":\"get\",\"resource\":\"pods\"}}}").json();
        assertThat(forOther.path("status").path("allowed").asBoolean()).isTrue();
    }

    private static boolean canI(String token, String namespace, String verb, String resource) {
        Response review = call("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", token,
            "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":"
                + "{\"resourceAttributes\":{\"namespace\":\"" + namespace + "\",\"verb\":\"" + verb
                + "\",\"resource\":\"" + resource + "\"}}}");
        assertThat(review.code()).as(review.body()).isEqualTo(201);
        return review.json().path("status").path("allowed").asBoolean();
    }

    private static String binding(String name, String clusterRole, String user) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\","
            + "\"kind\":\"ClusterRole\",\"name\":\"" + clusterRole + "\"},\"subjects\":[{\"kind\":\"User\","
            + "\"name\":\"" + user + "\"}]}";
    }

    private static String role(String name, String rule) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"rules\":[" + rule + "]}";
    }
}
