package io.j8s.proxy;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.EndpointAddress;
import io.j8s.common.api.core.EndpointPort;
import io.j8s.common.api.core.EndpointSubset;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.testsupport.ApiServerProcess;
import io.j8s.testsupport.Await;
import io.j8s.testsupport.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import io.j8s.proxy.routing.RoutingTable;
import io.j8s.proxy.routing.ServiceKey;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proxy in this JVM against a real API server process (own etcd and Redis), routing to real HTTP servers on
 * 127.0.0.1 registered as the Endpoints of selector-less Services, as Kubernetes lets one do for backends it does
 * not run. Readiness is played by moving addresses between {@code addresses} and {@code notReadyAddresses}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProxyTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final int SERVICE_PORT = freePort();

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("j8s.proxy.api-server-url", () -> ApiServerProcess.shared().url());
        registry.add("j8s.proxy.port", () -> SERVICE_PORT);
        registry.add("j8s.proxy.ejection.duration", () -> "2s");
    }

    @LocalServerPort
    int actuatorPort;

    @Autowired
    RoutingTable table;

    final ApiClient api = new ApiClient(ApiServerProcess.shared().url());
    final ProxyClient http = new ProxyClient(SERVICE_PORT);
    private final List<ServiceKey> created = new ArrayList<>();

    /**
     * Deletes the test's Services and waits until they are no longer routed: an endpoint address a later test's
     * backend happens to reuse must not inherit an ejection from this one.
     */
    @AfterEach
    void deleteServices() {
        for (ServiceKey key : created) {
            api.delete(Resources.SERVICES, key.namespace(), key.name(), null).onErrorComplete().block(TIMEOUT);
            api.delete(Resources.ENDPOINTS, key.namespace(), key.name(), null).onErrorComplete().block(TIMEOUT);
        }
        await("the test's Services are no longer routed", TIMEOUT,
            () -> created.stream().allMatch(key -> table.route(key).isEmpty()));
    }

    private static int freePort() {
        try {
            return Ports.free();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh namespace per test, so tests sharing one API server never see each other's Services. */
    String newNamespace() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        api.create(Resources.NAMESPACES, Namespace.of(ObjectMeta.named(name), null)).block(TIMEOUT);
        return name;
    }

    /** A Service without a selector: its Endpoints are ours to write. {@code spec} is the JSON of its spec. */
    Service createService(String namespace, String name, String spec) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
            + namespace + "\"},\"spec\":" + spec + "}";
        Service service = api.create(Resources.SERVICES, Json.read(json, Service.class)).block(TIMEOUT);
        created.add(new ServiceKey(namespace, name));
        return service;
    }

    /** One unnamed port 80: the common case. */
    Service createService(String namespace, String name) {
        return createService(namespace, name, "{\"ports\":[{\"port\":80}]}");
    }

    /** Writes the Endpoints of a single-port Service: ready and not-ready backends on 127.0.0.1, port unnamed. */
    void setEndpoints(String namespace, String name, List<Integer> ready, List<Integer> notReady) {
        setEndpoints(namespace, name, Map.of("", ready), Map.of("", notReady));
    }

    /**
     * Writes Endpoints with one subset per port name: {@code ready} and {@code notReady} map a port name to the
     * 127.0.0.1 ports serving it, as the Endpoints controller publishes host-port pods.
     */
    void setEndpoints(String namespace, String name, Map<String, List<Integer>> ready, Map<String, List<Integer>> notReady) {
        List<EndpointSubset> subsets = new ArrayList<>();
        ready.forEach((portName, ports) -> ports.forEach(port -> subsets.add(subset(portName, port, true))));
        notReady.forEach((portName, ports) -> ports.forEach(port -> subsets.add(subset(portName, port, false))));
        Endpoints endpoints = Endpoints.of(ObjectMeta.of(namespace, name), subsets);
        boolean exists = api.get(Resources.ENDPOINTS, namespace, name).map(e -> true)
            .onErrorReturn(false).block(TIMEOUT);
        if (exists) {
            api.patch(Resources.ENDPOINTS, namespace, name, PatchType.MERGE,
                Json.write(Map.of("subsets", subsets))).block(TIMEOUT);
        } else {
            api.create(Resources.ENDPOINTS, endpoints).block(TIMEOUT);
        }
    }

    private static EndpointSubset subset(String portName, int port, boolean ready) {
        List<EndpointAddress> address = List.of(EndpointAddress.of("127.0.0.1", "node-1", null));
        return EndpointSubset.of(ready ? address : null, ready ? null : address,
            List.of(EndpointPort.of(portName.isEmpty() ? null : portName, port, "TCP")));
    }

    static List<Integer> ports(TestBackend... backends) {
        return java.util.Arrays.stream(backends).map(TestBackend::port).toList();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }
}
