package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class DeleteIT extends ApiServerTestBase {

    @Test
    void unboundPodsGoAtOnce() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("u"));
        client().delete().uri(pods + "/u").exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.metadata.name").isEqualTo("u");
        client().get().uri(pods + "/u").exchange().expectStatus().isNotFound();
    }

    @Test
    void boundPodsWaitForTheNodeAgentToConfirm() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("g"));
        client().post().uri(pods + "/g/binding").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"target\":{\"name\":\"node-1\"}}").exchange().expectStatus().isCreated();

        client().delete().uri(pods + "/g").exchange().expectStatus().isAccepted();
        JsonNode terminating = get(pods + "/g");
        assertThat(terminating.path("metadata").path("deletionTimestamp").asString()).isNotEmpty();
        assertThat(terminating.path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(30);
        // A status update while terminating does not remove it...
        client().patch().uri(pods + "/g/status").contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue("{\"status\":{\"phase\":\"Running\"}}").exchange().expectStatus().isOk();
        get(pods + "/g");
        // ...the node agent's confirmation (grace 0) does.
        client().method(org.springframework.http.HttpMethod.DELETE).uri(pods + "/g")
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"gracePeriodSeconds\":0}")
            .exchange().expectStatus().isOk();
        client().get().uri(pods + "/g").exchange().expectStatus().isNotFound();
    }

    @Test
    void finalizersKeepAnObjectUntilTheyAreRemoved() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("f").replace("\"name\":\"f\"", "\"name\":\"f\",\"finalizers\":[\"example.com/hold\"]"));
        client().delete().uri(pods + "/f").exchange().expectStatus().isAccepted();
        JsonNode held = get(pods + "/f");
        assertThat(held.path("metadata").path("deletionTimestamp").asString()).isNotEmpty();
        // No new finalizers once deleting.
        client().patch().uri(pods + "/f").contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue("{\"metadata\":{\"finalizers\":[\"example.com/hold\",\"example.com/more\"]}}")
            .exchange().expectStatus().isEqualTo(422);
        client().patch().uri(pods + "/f").contentType(MediaType.parseMediaType("application/merge-patch+json"))
            .bodyValue("{\"metadata\":{\"finalizers\":null}}").exchange().expectStatus().isOk();
        client().get().uri(pods + "/f").exchange().expectStatus().isNotFound();
    }

    @Test
    void preconditionsAreChecked() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("pc"));
        client().method(org.springframework.http.HttpMethod.DELETE).uri(pods + "/pc")
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"preconditions\":{\"uid\":\"not-the-uid\"}}")
            .exchange().expectStatus().isEqualTo(409);
        get(pods + "/pc");
        client().method(org.springframework.http.HttpMethod.DELETE).uri(pods + "/pc")
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"propagationPolicy\":\"Background\"}")
            .exchange().expectStatus().isOk();
    }

    @Test
    void propagationPoliciesHandTheObjectToTheGarbageCollector() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("fg"));
        create(pods, pod("or"));
        deleteWith(pods + "/fg", "Foreground").expectStatus().isAccepted();
        deleteWith(pods + "/or", "Orphan").expectStatus().isAccepted();
        assertThat(get(pods + "/fg").path("metadata").path("finalizers").toString()).isEqualTo("[\"foregroundDeletion\"]");
        assertThat(get(pods + "/or").path("metadata").path("finalizers").toString()).isEqualTo("[\"orphan\"]");
        // Changing the policy of a pending deletion swaps the finalizer; Background lets it go at once.
        deleteWith(pods + "/or", "Foreground").expectStatus().isAccepted();
        assertThat(get(pods + "/or").path("metadata").path("finalizers").toString()).isEqualTo("[\"foregroundDeletion\"]");
        deleteWith(pods + "/fg", "Background").expectStatus().isOk();
        client().get().uri(pods + "/fg").exchange().expectStatus().isNotFound();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec deleteWith(String path, String policy) {
        return client().method(org.springframework.http.HttpMethod.DELETE).uri(path)
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"propagationPolicy\":\"" + policy + "\"}")
            .exchange();
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorMatches() {
        String pods = "/api/v1/namespaces/" + newNamespace() + "/pods";
        create(pods, pod("keep", "{\"app\":\"db\"}"));
        create(pods, pod("drop1", "{\"app\":\"web\"}"));
        create(pods, pod("drop2", "{\"app\":\"web\"}"));
        client().delete().uri(pods + "?labelSelector=app=web").exchange().expectStatus().isOk();
        assertThat(itemNames(get(pods))).containsExactly("keep");
    }

    @Test
    void namespacesGoTerminatingAndSystemOnesCannotBeDeleted() {
        String ns = newNamespace();
        client().delete().uri("/api/v1/namespaces/" + ns).exchange().expectStatus().isAccepted();
        JsonNode terminating = get("/api/v1/namespaces/" + ns);
        assertThat(terminating.path("status").path("phase").asString()).isEqualTo("Terminating");
        client().post().uri("/api/v1/namespaces/" + ns + "/pods").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(pod("late")).exchange().expectStatus().isForbidden();
        // The namespace controller finalizes: once spec.finalizers is empty the namespace is gone.
        String finalized = terminating.toString().replace("\"finalizers\":[\"kubernetes\"]", "\"finalizers\":[]");
        client().put().uri("/api/v1/namespaces/" + ns + "/finalize").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(finalized).exchange().expectStatus().isOk();
        client().get().uri("/api/v1/namespaces/" + ns).exchange().expectStatus().isNotFound();

        client().delete().uri("/api/v1/namespaces/default").exchange().expectStatus().isForbidden();
    }
}
