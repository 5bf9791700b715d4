package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PodLogProxyTest {

    private static final JsonNode TWO = Json.tree("""
        {"spec":{"nodeName":"node-1","containers":[{"name":"a"},{"name":"b"}]},
         "status":{"containerStatuses":[
           {"name":"a","state":{"running":{}}},
           {"name":"b","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}}
        """);

    @Test
    void aMultiContainerPodNeedsAContainerNameAsKubeApiserverSays() {
        assertThatThrownBy(() -> PodLogProxy.container(TWO, "web", ""))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(400);
                assertThat(e.getMessage()).isEqualTo("a container name must be specified for pod web, choose one of: [a b]");
            });
        assertThat(PodLogProxy.container(TWO, "web", "b")).isEqualTo("b");
        assertThat(PodLogProxy.container(Json.tree("{\"spec\":{\"containers\":[{\"name\":\"only\"}]}}"), "p", ""))
            .isEqualTo("only");
    }

    @Test
    void anUnknownContainerIsABadRequest() {
        assertThatThrownBy(() -> PodLogProxy.container(TWO, "web", "c"))
            .isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(400);
                assertThat(e.getMessage()).isEqualTo("container c is not valid for pod web");
            });
    }

    @Test
    void containersThatNeverRanOrPodsNotBoundHaveNoLogYet() {
        PodLogProxy.checkStarted(TWO, "web", "a", false);
        assertThatThrownBy(() -> PodLogProxy.checkStarted(TWO, "web", "b", false))
            .hasMessage("container \"b\" in pod \"web\" is waiting to start: ImagePullBackOff");
        assertThatThrownBy(() -> PodLogProxy.checkStarted(TWO, "web", "a", true))
            .hasMessage("previous terminated container \"a\" in pod \"web\" not found");
        JsonNode initialized = Json.tree("""
            {"spec":{"nodeName":"node-1","initContainers":[{"name":"setup"}],"containers":[{"name":"a"}]},
             "status":{"initContainerStatuses":[{"name":"setup","state":{"terminated":{"exitCode":0}}}],
                       "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """);
        PodLogProxy.checkStarted(initialized, "web", "setup", false); // an init container's log, once it ran
        assertThatThrownBy(() -> PodLogProxy.checkStarted(initialized, "web", "a", false))
            .hasMessage("container \"a\" in pod \"web\" is waiting to start: PodInitializing");
        JsonNode unbound = Json.tree("{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}");
        assertThatThrownBy(() -> PodLogProxy.checkStarted(unbound, "web", "a", false))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
            .hasMessageContaining("not bound to a node");
    }
}
