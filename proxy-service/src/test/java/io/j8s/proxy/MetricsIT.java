package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-Service requests, errors and latency, in Prometheus format at /actuator/prometheus. */
class MetricsIT extends ProxyTestBase {

    @Test
    void requestsErrorsAndLatencyArePerServiceInPrometheusFormat() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a")) {
            createService(ns, "api");
            setEndpoints(ns, "api", ports(a), List.of());
            await("routed", TIMEOUT, () -> http.get("api." + ns, "/").status() == 200);
            for (int i = 0; i < 7; i++) {
                http.get("api." + ns, "/");
            }
            createService(ns, "down");
            await("down known", TIMEOUT, () -> http.get("down." + ns, "/").status() == 503);
            http.get("down." + ns, "/");

            ProxyClient.Reply scrape = new ProxyClient(actuatorPort).get(null, "/actuator/prometheus");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.headers().get("content-type")).startsWith("text/plain");
            String tags = "code=\"2xx\",namespace=\"" + ns + "\",port=\"80\",service=\"api\"";
            assertThat(scrape.body())
                .contains("j8s_proxy_requests_seconds_count{" + tags + "} 8")
                .contains("j8s_proxy_requests_seconds_bucket{" + tags + ",le=\"0.001\"}")
                .contains("j8s_proxy_requests_seconds_count{code=\"5xx\",namespace=\"" + ns + "\",port=\"80\",service=\"down\"} 2")
                .contains("j8s_proxy_errors_total{namespace=\"" + ns + "\",port=\"80\",reason=\"no_endpoints\",service=\"down\"} 2");
        }
    }
}
