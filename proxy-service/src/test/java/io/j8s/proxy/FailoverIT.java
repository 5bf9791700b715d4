package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.testsupport.Ports;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Pods die, refuse and reset; users of the Service notice as little as the rules allow. */
class FailoverIT extends ProxyTestBase {

    @Test
    void aPodKilledUnderSteadyLoadCostsNoFailedGet() throws Exception {
        String ns = newNamespace();
        try (BusyboxBackend a = BusyboxBackend.start("a"); BusyboxBackend b = BusyboxBackend.start("b");
             BusyboxBackend c = BusyboxBackend.start("c")) {
            createService(ns, "orders");
            setEndpoints(ns, "orders", List.of(a.port(), b.port(), c.port()), List.of());
            await("the proxy routes orders", TIMEOUT, () -> http.get("orders." + ns, "/who").status() == 200);
            double failoversBefore = metric("j8s_proxy_failovers_total", ns, "orders");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            Map<String, Integer> failed = new ConcurrentHashMap<>();
            Map<String, Integer> landed = new ConcurrentHashMap<>();
            // 6 clients sending GETs back to back
            Mono<Void> load = Flux.range(0, 6).flatMap(client -> Mono.fromRunnable(() -> {
                while (running.get()) {
                    ProxyClient.Reply reply = http.get("orders." + ns, "/who");
                    if (reply.status() == 200) {
                        ok.incrementAndGet();
                        landed.merge(reply.body(), 1, Integer::sum);
                    } else {
                        failed.merge(reply.status() + " " + reply.body(), 1, Integer::sum);
                    }
                }
            }).subscribeOn(Schedulers.boundedElastic()), 6).then();
            var done = load.toFuture();
            await("load is flowing", TIMEOUT, () -> ok.get() > 300);
            a.kill();
            int atKill = ok.get();
            await("load keeps flowing after the kill", TIMEOUT, () -> ok.get() > atKill + 600);
            running.set(false);
            done.get();

            assertThat(failed).as("failed GETs").isEmpty();
            assertThat(landed.keySet()).containsExactlyInAnyOrder("a", "b", "c");
            // the kill really hit requests: some went to the dead pod and were failed over
            assertThat(metric("j8s_proxy_failovers_total", ns, "orders")).isGreaterThan(failoversBefore);
            assertThat(metric("j8s_proxy_endpoints_ejected", null, null)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void anEjectedEndpointComesBackWhenItRecovers() throws Exception {
        String ns = newNamespace();
        try (BusyboxBackend a = BusyboxBackend.start("a"); BusyboxBackend b = BusyboxBackend.start("b")) {
            createService(ns, "web");
            setEndpoints(ns, "web", List.of(a.port(), b.port()), List.of());
            await("the proxy routes web", TIMEOUT, () -> http.get("web." + ns, "/who").status() == 200);
            a.kill();
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("web." + ns, "/who").body()).isEqualTo("b");
            }
            double failovers = metric("j8s_proxy_failovers_total", ns, "web");
            // ejected: further requests do not even try the dead pod
            for (int i = 0; i < 20; i++) {
                assertThat(http.get("web." + ns, "/who").body()).isEqualTo("b");
            }
            assertThat(metric("j8s_proxy_failovers_total", ns, "web")).isEqualTo(failovers);

            a.launch();
            await("the recovered pod is back in rotation", Duration.ofSeconds(15),
                () -> "a".equals(http.get("web." + ns, "/who").body()));
        }
    }

    @Test
    void everyEndpointFailingIsBadGateway() throws Exception {
        String ns = newNamespace();
        int nobody1 = Ports.free();
        int nobody2 = Ports.free();
        createService(ns, "gone");
        setEndpoints(ns, "gone", List.of(nobody1, nobody2), List.of());
        // the first request that reaches both endpoints finds them refusing
        ProxyClient.Reply[] last = new ProxyClient.Reply[1];
        await("the proxy routes gone", TIMEOUT, () -> (last[0] = http.get("gone." + ns, "/")).status() == 502);
        ProxyClient.Reply reply = last[0];
        assertThat(reply.body()).contains("\"reason\":\"BadGateway\"")
            .contains("error trying to reach service \\\"gone\\\"")
            .contains("127.0.0.1:" + nobody1 + ": connection refused")
            .contains("127.0.0.1:" + nobody2 + ": connection refused");
        // after a few such failures each is ejected, and no longer even tried until the ejection ends
        ProxyClient.Reply ejected = reply;
        for (int i = 0; i < 5 && !ejected.body().contains("ejected"); i++) {
            ejected = http.get("gone." + ns, "/");
        }
        assertThat(ejected.status()).isEqualTo(502);
        assertThat(ejected.body()).contains("every endpoint of service \\\"gone\\\" is ejected after repeated failures");
    }

    @Test
    void aResetAfterTheRequestWasSentFailsOverOnlyRequestsThatMayBeRepeated() throws Exception {
        String ns = newNamespace();
        try (ResettingBackend broken = new ResettingBackend(); TestBackend good = TestBackend.start("good")) {
            createService(ns, "pay");
            setEndpoints(ns, "pay", List.of(broken.port(), good.port()), List.of());
            await("the proxy routes pay", TIMEOUT, () -> http.get("pay." + ns, "/").status() == 200);
            int goodBefore = good.requests();
            int brokenBefore = broken.requests();

            // Two POSTs take turns: the one sent to the broken pod may have been acted on, so it is not repeated.
            ProxyClient.Reply first = http.request(HttpMethod.POST, "pay." + ns, "/", "{\"amount\":1}");
            ProxyClient.Reply second = http.request(HttpMethod.POST, "pay." + ns, "/", "{\"amount\":1}");
            assertThat(List.of(first.status(), second.status())).as(first.body() + " / " + second.body())
                .containsExactlyInAnyOrder(200, 502);
            assertThat(good.requests() - goodBefore).isEqualTo(1);
            assertThat(broken.requests() - brokenBefore).isEqualTo(1);

            // GETs are repeated on the next endpoint: none fails.
            for (int i = 0; i < 4; i++) {
                assertThat(http.get("pay." + ns, "/").status()).isEqualTo(200);
            }
        }
    }

    /** A sample of the proxy's Prometheus metrics, summed over the series of one Service (or over all). */
    double metric(String name, String namespace, String service) {
        String text = new ProxyClient(actuatorPort).get(null, "/actuator/prometheus").body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                if (namespace == null || (line.contains("namespace=\"" + namespace + "\"")
                    && line.contains("service=\"" + service + "\""))) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
