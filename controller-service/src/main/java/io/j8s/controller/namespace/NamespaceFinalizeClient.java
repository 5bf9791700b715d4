package io.j8s.controller.namespace;

import io.j8s.common.api.core.Namespace;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.json.Json;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /api/v1/namespaces/{name}/finalize}: the one call the namespace controller needs that
 * {@link ApiClient} does not offer (it has no subresources besides status, scale and binding). Errors come
 * back as the same {@link ApiException}s as ApiClient's.
 */
final class NamespaceFinalizeClient {

    private final String baseUrl;
    private final WebClient web;

    NamespaceFinalizeClient(ApiClient client) {
        this.baseUrl = client.baseUrl();
        this.web = WebClient.create();
    }

    /** Replaces the namespace's {@code spec.finalizers}; the server deletes the namespace when none remain. */
    Namespace finalize(Namespace namespace, Duration timeout) {
        URI uri = URI.create(baseUrl + "/api/v1/namespaces/" + namespace.name() + "/finalize");
        return web.put().uri(uri)
            .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
            .accept(MediaType.APPLICATION_JSON)
            .bodyValue(Json.write(namespace))
            .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .flatMap(body -> response.statusCode().is2xxSuccessful()
                    ? Mono.justOrEmpty(body.length == 0 ? null : Json.mapper().readValue(body, Namespace.class))
                    : Mono.error(ApiException.fromResponse(response.statusCode().value(), body))))
            .block(timeout);
    }
}
