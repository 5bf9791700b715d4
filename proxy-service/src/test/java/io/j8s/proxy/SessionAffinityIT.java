package io.j8s.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code sessionAffinity: ClientIP}: each client keeps its pod; without it, every client's requests take turns. */
class SessionAffinityIT extends ProxyTestBase {

    @Test
    void withClientIpAffinityEachClientAddressStaysOnOnePod() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b"); TestBackend c = TestBackend.start("c")) {
            createService(ns, "cart", "{\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}]}");
            setEndpoints(ns, "cart", ports(a, b, c), List.of());
            await("the proxy routes cart", TIMEOUT, () -> http.get("cart." + ns, "/").status() == 200);

            Set<String> podsOfAllClients = new HashSet<>();
            for (int client = 2; client <= 7; client++) {
                ProxyClient from = http.from("127.0.0." + client);
                Set<String> pods = new HashSet<>();
                for (int i = 0; i < 9; i++) {
                    pods.add(from.get("cart." + ns, "/").body());
                }
                assertThat(pods).as("pods client 127.0.0.%d reached", client).hasSize(1);
                podsOfAllClients.addAll(pods);
            }
            // sticking is per client, not one pod for everyone
            assertThat(podsOfAllClients).hasSizeGreaterThan(1);
        }
    }

    @Test
    void aClientWhosePodLeavesMovesToAnotherAndStaysThere() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            createService(ns, "cart", "{\"sessionAffinity\":\"ClientIP\",\"ports\":[{\"port\":80}]}");
            setEndpoints(ns, "cart", ports(a, b), List.of());
            await("the proxy routes cart", TIMEOUT, () -> http.get("cart." + ns, "/").status() == 200);
            ProxyClient client = http.from("127.0.0.9");
            String first = client.get("cart." + ns, "/").body();
            TestBackend stays = first.equals("a") ? b : a;

            TestBackend left = first.equals("a") ? a : b;
            setEndpoints(ns, "cart", ports(stays), ports(left));
            await("the client moved", TIMEOUT, () -> client.get("cart." + ns, "/").body().equals(stays.name()));

            setEndpoints(ns, "cart", ports(a, b), List.of());
            // new clients are spread round robin, so one of them soon reaches the pod that came back
            int[] next = {1};
            await("the pod is ready again", TIMEOUT,
                () -> http.from("127.0.1." + next[0]++).get("cart." + ns, "/").body().equals(left.name()));
            for (int i = 0; i < 6; i++) {
                assertThat(client.get("cart." + ns, "/").body()).isEqualTo(stays.name());
            }
        }
    }

    @Test
    void withoutAffinityOneClientsRequestsTakeTurns() {
        String ns = newNamespace();
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            createService(ns, "cart");
            setEndpoints(ns, "cart", ports(a, b), List.of());
            await("the proxy routes cart", TIMEOUT, () -> http.get("cart." + ns, "/").status() == 200);
            ProxyClient from = http.from("127.0.0.2");
            Set<String> pods = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                pods.add(from.get("cart." + ns, "/").body());
            }
            assertThat(pods).containsExactlyInAnyOrder("a", "b");
        }
    }
}
