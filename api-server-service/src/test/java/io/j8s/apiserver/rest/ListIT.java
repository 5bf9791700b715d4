package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class ListIT extends ApiServerTestBase {

    @Test
    void labelSelectorsSupportEveryOperator() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        create(pods, pod("a", "{\"app\":\"web\",\"tier\":\"front\"}"));
        create(pods, pod("b", "{\"app\":\"web\",\"tier\":\"back\"}"));
        create(pods, pod("c", "{\"app\":\"db\"}"));

        assertThat(names(pods + "?labelSelector=app=web")).containsExactly("a", "b");
        assertThat(names(pods + "?labelSelector=app==web")).containsExactly("a", "b");
        assertThat(names(pods + "?labelSelector=app!=web")).containsExactly("c");
        assertThat(names(pods + "?labelSelector=tier in (front,x)")).containsExactly("a");
        assertThat(names(pods + "?labelSelector=tier notin (front)")).containsExactly("b", "c");
        assertThat(names(pods + "?labelSelector=tier")).containsExactly("a", "b");
        assertThat(names(pods + "?labelSelector=!tier")).containsExactly("c");
        assertThat(names(pods + "?labelSelector=app=web,tier=back")).containsExactly("b");
    }

    @Test
    void fieldSelectorsFilterByNameNodeAndPhase() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        create(pods, pod("a"));
        create(pods, pod("b"));
        client().post().uri(pods + "/b/binding").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"target\":{\"name\":\"node-9\"}}").exchange().expectStatus().isCreated();

        assertThat(names(pods + "?fieldSelector=metadata.name=a")).containsExactly("a");
        assertThat(names(pods + "?fieldSelector=spec.nodeName=node-9")).containsExactly("b");
        assertThat(names(pods + "?fieldSelector=spec.nodeName=")).containsExactly("a");
        assertThat(names(pods + "?fieldSelector=status.phase=Pending,metadata.name!=a")).containsExactly("b");
        client().get().uri(pods + "?fieldSelector=spec.image=x").exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.message").isEqualTo("field label not supported: spec.image");
    }

    @Test
    void pagesAreReadAtTheRevisionOfTheFirstPage() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        for (int i = 0; i < 7; i++) {
            create(pods, pod("p" + i));
        }
        JsonNode first = get(pods + "?limit=3");
        assertThat(first.path("items").size()).isEqualTo(3);
        String revision = first.path("metadata").path("resourceVersion").asString();
        // Written after the first page: the following pages must not show it.
        create(pods, pod("p9"));

        List<String> all = new ArrayList<>(itemNames(first));
        String token = first.path("metadata").path("continue").asString();
        while (!token.isEmpty()) {
            JsonNode page = get(pods + "?limit=3&continue=" + token);
            assertThat(page.path("metadata").path("resourceVersion").asString()).isEqualTo(revision);
            all.addAll(itemNames(page));
            token = page.path("metadata").path("continue").asString("");
        }
        assertThat(all).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        assertThat(names(pods)).contains("p9");
    }

    @Test
    void aLimitWithSelectorsFillsPagesWithMatchesOnly() {
        String ns = newNamespace();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        for (int i = 0; i < 6; i++) {
            create(pods, pod("q" + i, i % 2 == 0 ? "{\"even\":\"yes\"}" : "{\"even\":\"no\"}"));
        }
        JsonNode page = get(pods + "?limit=2&labelSelector=even=yes");
        assertThat(itemNames(page)).containsExactly("q0", "q2");
        JsonNode next = get(pods + "?limit=2&labelSelector=even=yes&continue="
            + page.path("metadata").path("continue").asString());
        assertThat(itemNames(next)).containsExactly("q4");
        assertThat(next.path("metadata").has("continue")).isFalse();
    }

    private List<String> names(String path) {
        return itemNames(get(path));
    }
}
