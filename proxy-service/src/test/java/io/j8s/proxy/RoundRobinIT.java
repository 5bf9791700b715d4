package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Service's stable name reaches its ready endpoints in turn, by every name Kubernetes DNS would give it. */
class RoundRobinIT extends ProxyTestBase {

    @Test
    void threeHundredRequestsLandExactlyOneHundredOnEachOfThreeEndpoints() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b"); TestBackend c = TestBackend.start("c")) {
            createService(ns, "orders");
            setEndpoints(ns, "orders", ports(a, b, c), List.of());
            await("the proxy routes orders", TIMEOUT, () -> http.get("orders." + ns, "/").status() == 200);
            int before = a.requests() + b.requests() + c.requests();

            Map<String, Integer> landed = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                ProxyClient.Reply reply = http.get("orders." + ns, "/");
                assertThat(reply.status()).isEqualTo(200);
                landed.merge(reply.body(), 1, Integer::sum);
            }
            assertThat(landed).containsOnlyKeys("a", "b", "c");
            assertThat(landed.values()).containsExactly(100, 100, 100);
            assertThat(a.requests() + b.requests() + c.requests() - before).isEqualTo(300);
        }
    }

    @Test
    void everyKubernetesNameOfTheServiceAndTheProxyPathReachIt() {
        String ns = newNamespace();
        try (TestBackend backend = TestBackend.start("only")) {
            createService(ns, "web");
            setEndpoints(ns, "web", ports(backend), List.of());
            await("the proxy routes web", TIMEOUT, () -> http.get("web." + ns, "/").status() == 200);
            for (String host : List.of("web." + ns, "web." + ns + ".svc", "web." + ns + ".svc.cluster.local",
                "web." + ns + ":80", "web." + ns + ".svc.cluster.local.:80", "WEB." + ns.toUpperCase())) {
                assertThat(http.get(host, "/").body()).as(host).isEqualTo("only");
            }
            assertThat(http.get(null, "/proxy/namespaces/" + ns + "/services/web/").body()).isEqualTo("only");
            assertThat(http.get(null, "/proxy/namespaces/" + ns + "/services/web:80/").body()).isEqualTo("only");
            // the path after the Service, and the query, are what the pod gets
            String headers = http.get(null, "/proxy/namespaces/" + ns + "/services/web/headers?x=1&y=2").body();
            assertThat(headers).contains("\":uri\":\"/headers?x=1&y=2\"");
        }
    }

    @Test
    void aBareServiceNameIsLookedUpInTheDefaultNamespace() {
        String name = "bare-" + Long.toHexString(System.nanoTime());
        try (TestBackend backend = TestBackend.start("default-ns")) {
            createService("default", name);
            setEndpoints("default", name, ports(backend), List.of());
            await("the proxy routes " + name, TIMEOUT, () -> http.get(name, "/").status() == 200);
            assertThat(http.get(name, "/").body()).isEqualTo("default-ns");
            assertThat(http.get(name + ":10280", "/").body()).isEqualTo("default-ns");
        }
    }

    @Test
    void aMultiPortServiceChoosesItsPortByNameOrNumber() {
        String ns = newNamespace();
        try (TestBackend web = TestBackend.start("web"); TestBackend admin = TestBackend.start("admin")) {
            createService(ns, "shop", "{\"ports\":[{\"name\":\"http\",\"port\":80},{\"name\":\"admin\",\"port\":9090}]}");
            setEndpoints(ns, "shop", Map.of("http", ports(web), "admin", ports(admin)), Map.of());
            await("the proxy routes shop", TIMEOUT, () -> http.get("shop." + ns, "/").status() == 200);

            assertThat(http.get("shop." + ns, "/").body()).as("first port by default").isEqualTo("web");
            assertThat(http.get("shop." + ns + ":9090", "/").body()).as("Host port = service port").isEqualTo("admin");
            assertThat(http.get(null, "/proxy/namespaces/" + ns + "/services/shop:admin/").body()).isEqualTo("admin");
            assertThat(http.get(null, "/proxy/namespaces/" + ns + "/services/shop:9090/").body()).isEqualTo("admin");
            assertThat(http.get(null, "/proxy/namespaces/" + ns + "/services/http:shop:http/").body()).isEqualTo("web");

            ProxyClient.Reply unknownPort = http.get(null, "/proxy/namespaces/" + ns + "/services/shop:metrics/");
            assertThat(unknownPort.status()).isEqualTo(404);
            assertThat(unknownPort.body()).contains("has no port \\\"metrics\\\"");
        }
    }

    @Test
    void anUnknownServiceIsNotFound() {
        ProxyClient.Reply reply = http.get("nothing-here.nowhere", "/");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.headers().get("content-type")).isEqualTo("application/json");
        assertThat(reply.body()).contains("\"reason\":\"NotFound\"")
            .contains("services \\\"nothing-here\\\" not found in namespace \\\"nowhere\\\"");
        assertThat(http.get("127.0.0.1:" + SERVICE_PORT, "/").status()).isEqualTo(404);
    }
}
