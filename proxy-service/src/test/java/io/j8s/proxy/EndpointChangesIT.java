package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pods come and go behind a Service's name; the proxy follows the Endpoints within a second. */
class EndpointChangesIT extends ProxyTestBase {

    @Test
    void newEndpointsGetTrafficWithinASecondOfTheEndpointsChange() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b"); TestBackend c = TestBackend.start("c");
             TestBackend d = TestBackend.start("d"); TestBackend e = TestBackend.start("e")) {
            createService(ns, "web");
            setEndpoints(ns, "web", ports(a, b, c), List.of());
            await("three endpoints serve web", TIMEOUT, () -> landedOn(ns, "web", 12).equals(Set.of("a", "b", "c")));

            setEndpoints(ns, "web", ports(a, b, c, d, e), List.of());
            long written = System.nanoTime();
            Set<String> seen = new HashSet<>();
            while (!seen.containsAll(Set.of("d", "e")) && System.nanoTime() - written < Duration.ofSeconds(5).toNanos()) {
                seen.add(http.get("web." + ns, "/").body());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - written);
            assertThat(seen).contains("d", "e");
            assertThat(took).as("from the Endpoints write to traffic on both new pods").isLessThan(Duration.ofSeconds(1));
            assertThat(landedOn(ns, "web", 25)).isEqualTo(Set.of("a", "b", "c", "d", "e"));
        }
    }

    @Test
    void aPodThatIsNotReadyGetsNoTrafficAndComesBackWhenReady() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b"); TestBackend c = TestBackend.start("c")) {
            createService(ns, "web");
            setEndpoints(ns, "web", ports(a, b, c), List.of());
            await("three endpoints serve web", TIMEOUT, () -> landedOn(ns, "web", 12).equals(Set.of("a", "b", "c")));

            // c fails its readiness probe: the Endpoints controller moves it to notReadyAddresses
            setEndpoints(ns, "web", ports(a, b), ports(c));
            await("c is out of rotation", Duration.ofSeconds(1), () -> !landedOn(ns, "web", 3).contains("c"));
            int cBefore = c.requests();
            assertThat(landedOn(ns, "web", 30)).isEqualTo(Set.of("a", "b"));
            assertThat(c.requests()).isEqualTo(cBefore);

            setEndpoints(ns, "web", ports(a, b, c), List.of());
            await("c is back", Duration.ofSeconds(1), () -> landedOn(ns, "web", 3).contains("c"));
        }
    }

    @Test
    void aServiceWithoutReadyEndpointsAnswersServiceUnavailable() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a")) {
            createService(ns, "empty");
            await("the proxy knows empty", TIMEOUT, () -> http.get("empty." + ns, "/").status() == 503);
            ProxyClient.Reply none = http.get("empty." + ns, "/");
            assertThat(none.body()).contains("\"reason\":\"ServiceUnavailable\"")
                .contains("no endpoints available for service \\\"empty\\\"");

            setEndpoints(ns, "empty", List.of(), ports(a));
            await("only a not-ready endpoint", TIMEOUT, () -> http.get("empty." + ns, "/").body().contains("1 not ready"));
            assertThat(http.get("empty." + ns, "/").status()).isEqualTo(503);
            assertThat(a.requests()).isZero();

            setEndpoints(ns, "empty", ports(a), List.of());
            await("ready now", TIMEOUT, () -> http.get("empty." + ns, "/").status() == 200);
        }
    }

    @Test
    void aDeletedServiceIsNoLongerRouted() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a")) {
            createService(ns, "brief");
            setEndpoints(ns, "brief", ports(a), List.of());
            await("routed", TIMEOUT, () -> http.get("brief." + ns, "/").status() == 200);
            api.delete(Resources.SERVICES, ns, "brief", null).block(TIMEOUT);
            await("not routed", Duration.ofSeconds(1), () -> http.get("brief." + ns, "/").status() == 404);
        }
    }

    /** Where {@code count} requests to the Service land. */
    private Set<String> landedOn(String ns, String service, int count) {
        Set<String> landed = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ProxyClient.Reply reply = http.get(service + "." + ns, "/");
            landed.add(reply.status() == 200 ? reply.body() : "HTTP " + reply.status());
        }
        return landed;
    }
}
