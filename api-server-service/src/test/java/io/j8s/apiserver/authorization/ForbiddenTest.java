package io.j8s.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForbiddenTest {

    private static final UserInfo JANE = UserInfo.authenticated("jane", "", List.of());

    @Test
    void wordedAsKubeApiserverWordsIt() {
        ApiException list = Forbidden.of(JANE, RequestInfo.resource("list", "", "v1", "default", "pods", "", ""), "");
        assertThat(list.code()).isEqualTo(403);
        assertThat(list.reason()).isEqualTo("Forbidden");
        assertThat(list.getMessage()).isEqualTo("pods is forbidden: User \"jane\" cannot list resource \"pods\" in API "
            + "group \"\" in the namespace \"default\"");

        ApiException named = Forbidden.of(JANE,
            RequestInfo.resource("patch", "apps", "v1", "", "deployments", "scale", "web"), "why not");
        assertThat(named.getMessage()).isEqualTo("deployments.apps \"web\" is forbidden: User \"jane\" cannot patch "
            + "resource \"deployments/scale\" in API group \"apps\" at the cluster scope: why not");
        assertThat(named.name()).isEqualTo("web");
        assertThat(named.kind()).isEqualTo("deployments");

        assertThat(Forbidden.of(JANE, RequestInfo.nonResource("/metrics", "get"), "").getMessage())
            .isEqualTo("forbidden: User \"jane\" cannot get path \"/metrics\"");
    }
}
