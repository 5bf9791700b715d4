package io.j8s.apiserver.security;

import static io.j8s.apiserver.SecureApiServer.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.SecureApiServer;
import io.j8s.apiserver.SecureApiServer.Response;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may talk to the API server at all, against the real server over real TLS. */
class AuthenticationIT {

    private final ApiServerProcess server = SecureApiServer.get();

    @Test
    void withoutOrWithABadTokenTheApiAnswers401Status() {
        for (String token : new String[] {null, "not-a-token", ""}) {
            Response response = call("GET", "/api/v1/namespaces", token, null);
            assertThat(response.code()).as("token %s", token).isEqualTo(401);
            assertThat(response.json().path("kind").asString()).isEqualTo("Status");
            assertThat(response.json().path("reason").asString()).isEqualTo("Unauthorized");
            assertThat(response.json().path("code").asInt()).isEqualTo(401);
        }
        assertThat(call("POST", "/api/v1/namespaces", "nope", "{\"metadata\":{\"name\":\"x\"}}").code())
            .isEqualTo(401);
        assertThat(call("GET", "/api", null, null).code()).as("discovery needs a user").isEqualTo(401);
        assertThat(call("GET", "/api/v1/namespaces", server.adminToken(), null).code()).isEqualTo(200);
    }

    @Test
    void healthVersionAndSwaggerStayOpen() {
        for (String path : List.of("/version", "/livez", "/readyz", "/healthz", "/actuator/health", "/v3/api-docs")) {
            assertThat(call("GET", path, null, null).code()).as(path).isEqualTo(200);
        }
        assertThat(call("GET", "/readyz", null, null).body()).isEqualTo("ok");
        assertThat(call("GET", "/version", null, null).json().path("minor").asString()).isEqualTo("32");
        // a bad token is refused even there, as on Kubernetes
        assertThat(call("GET", "/version", "not-a-token", null).code()).isEqualTo(401);
    }

    @Test
    void swaggerUiOffersBearerTokenAuthorization() {
        JsonNode docs = call("GET", "/v3/api-docs", null, null).json();
        assertThat(docs.path("components").path("securitySchemes").path("BearerToken").path("scheme").asString())
            .isEqualTo("bearer");
        assertThat(docs.path("security").get(0).has("BearerToken")).isTrue();
    }

    @Test
    void usersAddedToTheTokenFileAuthenticateWithoutARestart() throws IOException {
        String token = server.addUser("carol", "qa", "testers");

        JsonNode review = call("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", token,
            "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}").json();

        assertThat(review.path("status").path("userInfo").path("username").asString()).isEqualTo("carol");
        assertThat(Json.convert(review.path("status").path("userInfo").path("groups"), List.class))
            .containsExactly("qa", "testers", "system:authenticated");
    }

    @Test
    void aClientCertificateSignedByTheClusterCaAuthenticatesAsItsCommonNameAndOrganizations() throws Exception {
        Path[] certificate = server.clientCertificate("erin", "ops", "oncall");
        Process curl = new ProcessBuilder("curl", "-sS", "--cacert", server.caFile().toString(),
            "--cert", certificate[0].toString(), "--key", certificate[1].toString(),
            "-X", "POST", "-H", "Content-Type: application/json",
            "-d", "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}",
            server.url() + "/apis/authentication.k8s.io/v1/selfsubjectreviews").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).as(out).isZero();

        JsonNode user = Json.tree(out).path("status").path("userInfo");
        assertThat(user.path("username").asString()).as(out).isEqualTo("erin");
        assertThat(Json.convert(user.path("groups"), List.class)).containsExactly("ops", "oncall",
            "system:authenticated");
    }

    @Test
    void plainHttpIsNotServedOnTheSecurePort() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String url = server.url().replace("https://", "http://") + "/api/v1/namespaces";
        boolean answered;
        try {
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            answered = response.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            answered = false;
        }
        assertThat(answered).isFalse();
    }

    @Test
    void everyMutatingRequestIsAuditedWithUserVerbResourceNameNamespaceAndCode() throws IOException {
        String namespace = SecureApiServer.newNamespace();
        String token = server.addUser("auditee");
        assertThat(call("POST", "/api/v1/namespaces/" + namespace + "/pods", server.adminToken(),
            SecureApiServer.pod("audited", null)).code()).isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/namespaces/" + namespace + "/pods/audited", token, null).code())
            .isEqualTo(403);
        assertThat(call("GET", "/api/v1/namespaces/" + namespace + "/pods", server.adminToken(), null).code())
            .isEqualTo(200);

        Await.until("two audit events in " + namespace, Duration.ofSeconds(10),
            () -> auditEvents(namespace).size() >= 2);
        List<JsonNode> events = auditEvents(namespace);
        JsonNode create = events.get(0);
        assertThat(create.path("verb").asString()).isEqualTo("create");
        assertThat(create.path("user").path("username").asString()).isEqualTo("admin");
        assertThat(create.path("objectRef").path("resource").asString()).isEqualTo("pods");
        assertThat(create.path("objectRef").path("name").asString()).isEqualTo("audited");
        assertThat(create.path("responseStatus").path("code").asInt()).isEqualTo(201);
        JsonNode refused = events.get(1);
        assertThat(refused.path("verb").asString()).isEqualTo("delete");
        assertThat(refused.path("user").path("username").asString()).isEqualTo("auditee");
        assertThat(refused.path("responseStatus").path("code").asInt()).isEqualTo(403);
        assertThat(events).as("reads are not audited").hasSize(2);
    }

    private List<JsonNode> auditEvents(String namespace) {
        try {
            return Files.readAllLines(server.auditLog()).stream().map(Json::tree)
                .filter(e -> namespace.equals(e.path("objectRef").path("namespace").asString(null))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
