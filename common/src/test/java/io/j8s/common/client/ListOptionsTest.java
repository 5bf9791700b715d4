package io.j8s.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListOptionsTest {

    @Test
    void listQueryUsesKubernetesNamesAndEncodesSelectors() {
        ListOptions options = ListOptions.labelSelector("app=web,tier in (a,b)")
                .withFieldSelector("spec.nodeName=")
                .withLimit(500L)
                .withContinueToken("tok+/=");

        assertThat(ApiClient.query(options.listParameters())).isEqualTo(
                "?labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29&fieldSelector=spec.nodeName%3D"
                        + "&limit=500&continue=tok%2B%2F%3D");
    }

    @Test
    void watchQueryAsksForBookmarksFromAResourceVersion() {
        ListOptions options = ListOptions.fieldSelector("spec.nodeName=n1").withTimeoutSeconds(300);

        assertThat(ApiClient.query(options.watchParameters("42"))).isEqualTo(
                "?watch=true&fieldSelector=spec.nodeName%3Dn1&resourceVersion=42&allowWatchBookmarks=true"
                        + "&timeoutSeconds=300");
    }

    @Test
    void noOptionsNoQuery() {
        assertThat(ApiClient.query(ListOptions.NONE.listParameters())).isEmpty();
    }
}
