package io.j8s.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class RequestInfoTest {

    private static RequestInfo of(HttpMethod method, String uri) {
        var components = UriComponentsBuilder.fromUriString(uri).build();
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>(components.getQueryParams());
        return RequestInfo.of(method, components.getPath(), query);
    }

    @Test
    void resourceRequestsNameVerbGroupNamespaceResourceAndName() {
        RequestInfo get = of(HttpMethod.GET, "/api/v1/namespaces/default/pods/web");
        assertThat(get.resourceRequest()).isTrue();
        assertThat(get.verb()).isEqualTo("get");
        assertThat(get.apiGroup()).isEmpty();
        assertThat(get.apiVersion()).isEqualTo("v1");
        assertThat(get.namespace()).isEqualTo("default");
        assertThat(get.resource()).isEqualTo("pods");
        assertThat(get.name()).isEqualTo("web");

        RequestInfo scale = of(HttpMethod.PATCH, "/apis/apps/v1/namespaces/ns/deployments/web/scale");
        assertThat(scale.verb()).isEqualTo("patch");
        assertThat(scale.apiGroup()).isEqualTo("apps");
        assertThat(scale.resourceWithSubresource()).isEqualTo("deployments/scale");
    }

    @Test
    void collectionsAreListWatchCreateAndDeleteCollection() {
        assertThat(of(HttpMethod.GET, "/api/v1/pods").verb()).isEqualTo("list");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/ns/pods?watch=true").verb()).isEqualTo("watch");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/ns/pods?watch=1").verb()).isEqualTo("watch");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/ns/pods?watch=false").verb()).isEqualTo("list");
        assertThat(of(HttpMethod.POST, "/api/v1/namespaces/ns/pods").verb()).isEqualTo("create");
        assertThat(of(HttpMethod.DELETE, "/api/v1/namespaces/ns/pods").verb()).isEqualTo("deletecollection");
        assertThat(of(HttpMethod.DELETE, "/api/v1/namespaces/ns/pods/p").verb()).isEqualTo("delete");
        assertThat(of(HttpMethod.PUT, "/api/v1/namespaces/ns/pods/p/status").verb()).isEqualTo("update");
    }

    @Test
    void aListSelectingOneNameIsAuthorizedAsThatObject() {
        RequestInfo byName = of(HttpMethod.GET, "/apis/apps/v1/namespaces/ns/deployments?fieldSelector=metadata.name%3Dweb"
            .replace("%3D", "="));
        assertThat(byName.verb()).isEqualTo("list");
        assertThat(byName.name()).isEqualTo("web");

        RequestInfo byNode = of(HttpMethod.GET, "/api/v1/pods?fieldSelector=spec.nodeName=node-1&watch=true");
        assertThat(byNode.verb()).isEqualTo("watch");
        assertThat(byNode.fieldValue("spec.nodeName")).isEqualTo("node-1");
        assertThat(of(HttpMethod.GET, "/api/v1/pods?fieldSelector=spec.nodeName!=node-1").fieldValue("spec.nodeName"))
            .isNull();
    }

    @Test
    void namespacesAreTheirOwnNamespaceAndKeepTheirSubresources() {
        RequestInfo namespace = of(HttpMethod.GET, "/api/v1/namespaces/team-a");
        assertThat(namespace.resource()).isEqualTo("namespaces");
        assertThat(namespace.name()).isEqualTo("team-a");
        assertThat(namespace.namespace()).isEqualTo("team-a");

        RequestInfo finalize = of(HttpMethod.PUT, "/api/v1/namespaces/team-a/finalize");
        assertThat(finalize.resourceWithSubresource()).isEqualTo("namespaces/finalize");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces").verb()).isEqualTo("list");
    }

    @Test
    void theWebSocketGetOfExecAttachAndPortForwardIsAuthorizedAsCreate() {
        RequestInfo exec = of(HttpMethod.GET, "/api/v1/namespaces/team-a/pods/web/exec?command=sh&stdin=true");
        assertThat(exec.verb()).isEqualTo("create");
        assertThat(exec.resourceWithSubresource()).isEqualTo("pods/exec");
        assertThat(exec.name()).isEqualTo("web");
        assertThat(of(HttpMethod.POST, "/api/v1/namespaces/team-a/pods/web/exec").verb()).isEqualTo("create");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/team-a/pods/web/attach").verb()).isEqualTo("create");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/team-a/pods/web/portforward").verb()).isEqualTo("create");
        assertThat(of(HttpMethod.GET, "/api/v1/namespaces/team-a/pods/web/log").verb()).isEqualTo("get");
    }

    @Test
    void discoveryAndEverythingElseAreNonResourceRequests() {
        for (String path : new String[] {"/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/version",
            "/openapi/v3", "/healthz"}) {
            RequestInfo info = of(HttpMethod.GET, path);
            assertThat(info.resourceRequest()).as(path).isFalse();
            assertThat(info.verb()).isEqualTo("get");
            assertThat(info.path()).isEqualTo(path);
        }
        assertThat(of(HttpMethod.POST, "/version").verb()).isEqualTo("post");
    }

    @Test
    void pathsAreSplitAsTheRouterSplitsThem() {
        RequestInfo doubled = RequestInfo.of(HttpMethod.GET, "//api//v1/namespaces//default/pods/",
            new LinkedMultiValueMap<>());
        assertThat(doubled.resource()).isEqualTo("pods");
        assertThat(doubled.namespace()).isEqualTo("default");
        assertThat(doubled.verb()).isEqualTo("list");
    }
}
