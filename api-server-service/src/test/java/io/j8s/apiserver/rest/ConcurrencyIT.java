package io.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.json.Json;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.node.ObjectNode;

/** Optimistic concurrency: concurrent read-modify-write cycles that retry on 409 never lose an update. */
class ConcurrencyIT extends ApiServerTestBase {

    private static final int WRITERS = 16;
    private static final int INCREMENTS = 50;

    @Test
    void sixteenWritersIncrementingFiftyTimesEndAtExactlyEightHundred() {
        String ns = newNamespace();
        String path = "/api/v1/namespaces/" + ns + "/pods/counter";
        create("/api/v1/namespaces/" + ns + "/pods",
            "{\"metadata\":{\"name\":\"counter\",\"annotations\":{\"count\":\"0\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        WebClient http = webClient();
        AtomicInteger conflicts = new AtomicInteger();

        Flux.range(0, WRITERS)
            .flatMap(writer -> Flux.range(0, INCREMENTS).concatMap(i -> increment(http, path, conflicts)), WRITERS)
            .blockLast(Duration.ofMinutes(3));

        ObjectNode pod = (ObjectNode) get(path);
        assertThat(pod.path("metadata").path("annotations").path("count").asString())
            .isEqualTo(Integer.toString(WRITERS * INCREMENTS));
        // The test only proves something if writers really collided.
        assertThat(conflicts.get()).isPositive();
    }

    @Test
    void concurrentPatchesWithoutAResourceVersionAreAllApplied() {
        String ns = newNamespace();
        String path = "/api/v1/namespaces/" + ns + "/pods/patched";
        create("/api/v1/namespaces/" + ns + "/pods",
            "{\"metadata\":{\"name\":\"patched\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        WebClient http = webClient();
        // 64 patches racing, each adding its own label: the server retries storage conflicts, none may be lost.
        Flux.range(0, 64)
            .flatMap(i -> http.patch().uri(path).contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .bodyValue("{\"metadata\":{\"labels\":{\"l" + i + "\":\"x\"}}}").retrieve().toBodilessEntity(), 16)
            .blockLast(Duration.ofMinutes(2));
        assertThat(get(path).path("metadata").path("labels").size()).isEqualTo(64);
    }

    /** GET, add one, PUT with the resourceVersion read; on 409 start over from a fresh GET, after a short pause. */
    private Mono<Void> increment(WebClient http, String path, AtomicInteger conflicts) {
        return Mono.defer(() -> http.get().uri(path).retrieve().bodyToMono(String.class)
                .map(json -> (ObjectNode) Json.tree(json))
                .flatMap(pod -> {
                    ObjectNode annotations = (ObjectNode) pod.path("metadata").path("annotations");
                    annotations.put("count", Integer.toString(Integer.parseInt(annotations.path("count").asString()) + 1));
                    return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(pod.toString())
                        .retrieve().toBodilessEntity();
                }))
            .doOnError(WebClientResponseException.Conflict.class, e -> conflicts.incrementAndGet())
            // as client-go's RetryOnConflict: a short jittered pause before the next try, so sixteen writers do not
            // keep the server busy with attempts that are bound to lose
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50)).jitter(0.5)
                .filter(WebClientResponseException.Conflict.class::isInstance))
            .then();
    }
}
