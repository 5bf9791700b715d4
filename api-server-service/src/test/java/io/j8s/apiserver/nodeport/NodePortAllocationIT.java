package io.j8s.apiserver.nodeport;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Node ports as kube-apiserver hands them out: from the range, each to one Service, back when no longer used. */
class NodePortAllocationIT extends ApiServerTestBase {

    @Test
    void aNodePortServiceGetsAPortFromTheRangeForEachOfItsPorts() throws Exception {
        String ns = newNamespace();
        JsonNode created = create(services(ns), service("web", "NodePort",
            "[{'name':'http','port':80},{'name':'metrics','port':9090}]"));
        int http = created.at("/spec/ports/0/nodePort").asInt();
        int metrics = created.at("/spec/ports/1/nodePort").asInt();
        assertThat(List.of(http, metrics)).allSatisfy(port -> assertThat(port).isBetween(30000, 32767));
        assertThat(http).isNotEqualTo(metrics);
        assertThat(get(services(ns) + "/web").at("/spec/ports/1/nodePort").asInt()).isEqualTo(metrics);
        // the claim in etcd names its Service
        JsonNode claim = Json.tree(etcd().etcdctl("get", NodePortAllocator.key(http), "--print-value-only"));
        assertThat(claim.path("namespace").asString()).isEqualTo(ns);
        assertThat(claim.path("name").asString()).isEqualTo("web");
        assertThat(claim.path("uid").asString()).isEqualTo(created.at("/metadata/uid").asString());
    }

    @Test
    void aPortAnotherServiceHoldsIsRefusedUntilThatServiceIsDeleted() {
        String ns = newNamespace();
        int port = create(services(ns), service("first", "NodePort", "[{'port':80}]")).at("/spec/ports/0/nodePort").asInt();

        String second = service("second", "NodePort", "[{'port':80,'nodePort':" + port + "}]");
        JsonNode status = post(services(ns), second, 422);
        assertThat(status.path("reason").asString()).isEqualTo("Invalid");
        assertThat(status.path("message").asString()).isEqualTo("Service \"second\" is invalid: spec.ports[0].nodePort: "
            + "Invalid value: " + port + ": provided port is already allocated");
        assertThat(status.at("/details/causes/0/field").asString()).isEqualTo("spec.ports[0].nodePort");
        client().get().uri(services(ns) + "/second").exchange().expectStatus().isNotFound();

        client().delete().uri(services(ns) + "/first").exchange().expectStatus().isOk();
        assertThat(create(services(ns), second).at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
    }

    @Test
    void leavingTypeNodePortReleasesThePort() {
        String ns = newNamespace();
        ObjectNode svc = (ObjectNode) create(services(ns), service("web", "NodePort", "[{'port':80}]"));
        int port = svc.at("/spec/ports/0/nodePort").asInt();

        // kubectl edit: only the type changes, the allocated port stays in the body
        ((ObjectNode) svc.get("spec")).put("type", "ClusterIP");
        JsonNode updated = put(services(ns) + "/web", svc.toString());
        assertThat(updated.at("/spec/ports/0").has("nodePort")).isFalse();

        assertThat(create(services(ns), service("other", "NodePort", "[{'port':80,'nodePort':" + port + "}]"))
            .at("/spec/ports/0/nodePort").asInt()).isEqualTo(port);
    }

    @Test
    void anUpdateKeepsItsPortsAndAllocatesOnlyForAddedOnes() {
        String ns = newNamespace();
        ObjectNode svc = (ObjectNode) create(services(ns), service("web", "NodePort", "[{'name':'http','port':80}]"));
        int http = svc.at("/spec/ports/0/nodePort").asInt();
        ObjectNode added = tree(service("web", "NodePort", "[{'name':'http','port':80},{'name':'admin','port':81}]"));
        JsonNode updated = put(services(ns) + "/web", added.toString());
        assertThat(updated.at("/spec/ports/0/nodePort").asInt()).isEqualTo(http);
        int admin = updated.at("/spec/ports/1/nodePort").asInt();
        assertThat(admin).isBetween(30000, 32767).isNotEqualTo(http);

        // dropping the admin port frees its node port
        put(services(ns) + "/web", service("web", "NodePort", "[{'name':'http','port':80}]"));
        create(services(ns), service("other", "NodePort", "[{'port':81,'nodePort':" + admin + "}]"));
    }

    @Test
    void concurrentCreatesAskingForOnePortGetItOnce() {
        String ns = newNamespace();
        int port = freePort();
        List<Integer> codes = Flux.range(0, 12)
            .flatMap(i -> http().post().uri(services(ns)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(service("racer-" + i, "NodePort", "[{'port':80,'nodePort':" + port + "}]"))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 12)
            .collectList().block(Duration.ofMinutes(1));
        assertThat(codes).containsOnly(201, 422);
        assertThat(codes.stream().filter(code -> code == 201).count()).isEqualTo(1);
    }

    @Test
    void concurrentAllocationsNeverShareAPort() {
        String ns = newNamespace();
        List<Integer> ports = Flux.range(0, 24)
            .flatMap(i -> http().post().uri(services(ns)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(service("auto-" + i, "NodePort", "[{'port':80}]"))
                .retrieve().bodyToMono(String.class)
                .map(json -> Json.tree(json).at("/spec/ports/0/nodePort").asInt()), 24)
            .collectList().block(Duration.ofMinutes(1));
        assertThat(ports).hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void aClaimLeftBehindByACrashIsTakenOverOnceStaleButNotWhileFresh() throws Exception {
        String ns = newNamespace();
        int stale = freePort();
        etcd().etcdctl("put", NodePortAllocator.key(stale), claim(stale, ns, "2020-01-01T00:00:00Z"));
        assertThat(create(services(ns), service("heir", "NodePort", "[{'port':80,'nodePort':" + stale + "}]"))
            .at("/spec/ports/0/nodePort").asInt()).isEqualTo(stale);

        // a fresh claim may belong to a create still in flight
        int fresh = freePort();
        etcd().etcdctl("put", NodePortAllocator.key(fresh), claim(fresh, ns, java.time.Instant.now().toString()));
        post(services(ns), service("early", "NodePort", "[{'port':80,'nodePort':" + fresh + "}]"), 422);
    }

    @Test
    void clusterIpServicesHoldNoPorts() throws Exception {
        String ns = newNamespace();
        JsonNode created = create(services(ns), service("plain", "ClusterIP", "[{'port':80}]"));
        assertThat(created.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(etcd().etcdctl("get", NodePortAllocator.PREFIX, "--prefix", "--print-value-only"))
            .doesNotContain(created.at("/metadata/uid").asString());
    }

    private static String claim(int port, String ns, String claimedAt) {
        return "{\"metadata\":{\"name\":\"" + port + "\"},\"port\":" + port + ",\"namespace\":\"" + ns
            + "\",\"name\":\"ghost\",\"uid\":\"ghost-uid\",\"claimedAt\":\"" + claimedAt + "\"}";
    }

    /** A port of the default range no claim holds right now. */
    private int freePort() {
        Set<Integer> held = new HashSet<>();
        try {
            for (String key : etcd().etcdctl("get", NodePortAllocator.PREFIX, "--prefix", "--keys-only").split("\n")) {
                if (!key.isBlank()) {
                    held.add(Integer.parseInt(key.substring(NodePortAllocator.PREFIX.length()).trim()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Integer> free = new ArrayList<>();
        for (int port = 30000; port <= 32767; port++) {
            if (!held.contains(port)) {
                free.add(port);
            }
        }
        return free.get(ThreadLocalRandom.current().nextInt(free.size()));
    }

    static String services(String ns) {
        return "/api/v1/namespaces/" + ns + "/services";
    }

    static String service(String name, String type, String ports) {
        return ("{'apiVersion':'v1','kind':'Service','metadata':{'name':'" + name + "'},"
            + "'spec':{'type':'" + type + "','selector':{'app':'web'},'ports':" + ports + "}}").replace('\'', '"');
    }

    JsonNode post(String path, String json, int code) {
        return Json.tree(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
            .exchange().expectStatus().isEqualTo(code).expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode put(String path, String json) {
        return Json.tree(client().put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private WebClient http() {
        return webClient();
    }
}
