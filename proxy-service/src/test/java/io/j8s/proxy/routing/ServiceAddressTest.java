package io.j8s.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceAddressTest {

    private static ServiceAddress host(String host) {
        return ServiceAddress.fromHost(host, "/a?b=c", "default", "cluster.local");
    }

    @Test
    void hostNamesAsKubernetesDnsGivesThem() {
        assertThat(host("web")).isEqualTo(new ServiceAddress("default", "web", null, null, "/a?b=c"));
        assertThat(host("web.shop")).isEqualTo(new ServiceAddress("shop", "web", null, null, "/a?b=c"));
        assertThat(host("web.shop.svc")).isEqualTo(new ServiceAddress("shop", "web", null, null, "/a?b=c"));
        assertThat(host("web.shop.svc.cluster.local")).isEqualTo(new ServiceAddress("shop", "web", null, null, "/a?b=c"));
        assertThat(host("web.shop.svc.cluster.local.")).isEqualTo(new ServiceAddress("shop", "web", null, null, "/a?b=c"));
        assertThat(host("Web.Shop.SVC:8080")).isEqualTo(new ServiceAddress("shop", "web", null, 8080, "/a?b=c"));
        assertThat(host("web:80")).isEqualTo(new ServiceAddress("default", "web", null, 80, "/a?b=c"));
    }

    @Test
    void hostsThatNameNoService() {
        assertThat(host("127.0.0.1")).isNull();
        assertThat(host("127.0.0.1:10280")).isNull();
        assertThat(host("[::1]:10280")).isNull();
        assertThat(host("web.shop.svc.example.com")).isNull();
        assertThat(host("www.example.com")).isNull();
        assertThat(host("web..shop")).isNull();
        assertThat(host("web:http")).isNull();
        assertThat(host("")).isNull();
        assertThat(host(null)).isNull();
    }

    @Test
    void proxyPaths() {
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web/api/orders?x=1"))
            .isEqualTo(new ServiceAddress("shop", "web", null, null, "/api/orders?x=1"));
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web"))
            .isEqualTo(new ServiceAddress("shop", "web", null, null, "/"));
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web?x=1"))
            .isEqualTo(new ServiceAddress("shop", "web", null, null, "/?x=1"));
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web:admin/"))
            .isEqualTo(new ServiceAddress("shop", "web", "admin", null, "/"));
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web:9090/metrics"))
            .isEqualTo(new ServiceAddress("shop", "web", "9090", null, "/metrics"));
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/http:web:9090/"))
            .isEqualTo(new ServiceAddress("shop", "web", "9090", null, "/"));
    }

    @Test
    void malformedProxyPaths() {
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop")).isNull();
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/pods/web/")).isNull();
        assertThat(ServiceAddress.fromPath("/proxy/namespaces//services/web/")).isNull();
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/web:/")).isNull();
        assertThat(ServiceAddress.fromPath("/proxy/namespaces/shop/services/https:web:443/")).isNull();
        assertThat(ServiceAddress.fromPath("/other")).isNull();
    }
}
