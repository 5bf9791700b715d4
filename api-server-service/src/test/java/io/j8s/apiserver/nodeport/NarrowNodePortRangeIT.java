package io.j8s.apiserver.nodeport;

import static io.j8s.apiserver.nodeport.NodePortAllocationIT.service;
import static io.j8s.apiserver.nodeport.NodePortAllocationIT.services;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code j8s.services.node-port-range} narrows where ports come from; a full range says so. */
@TestPropertySource(properties = "j8s.services.node-port-range=32760-32764")
class NarrowNodePortRangeIT extends ApiServerTestBase {

    @Test
    void portsComeFromTheConfiguredRangeUntilItIsFull() throws Exception {
        String ns = newNamespace();
        long heldBefore = etcd().etcdctl("get", NodePortAllocator.PREFIX, "--prefix", "--keys-only").lines()
            .filter(key -> key.matches(".*/3276[0-4]")).count();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 5 - heldBefore; i++) {
            ports.add(create(services(ns), service("s" + i, "NodePort", "[{'port':80}]")).at("/spec/ports/0/nodePort").asInt());
        }
        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(32760, 32764));

        JsonNode full = status(services(ns), service("one-too-many", "NodePort", "[{'port':80}]"));
        assertThat(full.path("message").asString()).isEqualTo("Service \"one-too-many\" is invalid: "
            + "spec.ports[0].nodePort: Invalid value: 0: failed to allocate a nodePort: range is full");

        JsonNode outside = status(services(ns), service("outside", "NodePort", "[{'port':80,'nodePort':30000}]"));
        assertThat(outside.path("message").asString()).isEqualTo("Service \"outside\" is invalid: "
            + "spec.ports[0].nodePort: Invalid value: 30000: provided port is not in the valid range. "
            + "The range of valid ports is 32760-32764");
    }

    private JsonNode status(String path, String json) {
        return Json.tree(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
            .exchange().expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody());
    }
}
