package io.j8s.common.client;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Scale;
import io.j8s.common.api.core.Binding;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.ListMeta;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.json.Json;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JavaType;

/**
 * Reactive client of the j8s API server, speaking Kubernetes paths and JSON. Every failure the
 * server reports arrives as an {@link ApiException}; transport failures as WebClient's exceptions.
 */
public class ApiClient {

    /** Large enough for a list of thousands of pods; WebClient's default (256 KiB) is not. */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final String baseUrl;
    private final WebClient web;

    /** A client of {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}), without credentials. */
    public ApiClient(String baseUrl) {
        this(baseUrl, (String) null);
    }

    /** A client that sends {@code Authorization: Bearer <token>} when the token is not null. */
    public ApiClient(String baseUrl, String bearerToken) {
        this(baseUrl, ApiServerCredentials.of(null, bearerToken));
    }

    /**
     * A client of {@code baseUrl} that trusts the credentials' CA for {@code https://} (hostnames verified) and
     * sends their bearer token, if any.
     */
    public ApiClient(String baseUrl, ApiServerCredentials credentials) {
        this(baseUrl, defaultWebClient(baseUrl, credentials));
    }

    /** A client over a WebClient configured by the caller (TLS, proxies, filters). */
    public ApiClient(String baseUrl, WebClient webClient) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.web = webClient;
    }

    /**
     * The same server and TLS settings (and connection pool), acting as whoever {@code bearerToken} names: how one
     * process that hosts many simulated nodes writes each node's objects with that node's own identity.
     */
    public ApiClient withBearerToken(String bearerToken) {
        return new ApiClient(baseUrl, web.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(bearerToken))
                .build());
    }

    private static WebClient defaultWebClient(String baseUrl, ApiServerCredentials credentials) {
        HttpClient http = HttpClient.create();
        if (credentials.caFile() != null && baseUrl.startsWith("https:")) {
            SslContext ssl = trusting(credentials.caFile());
            http = http.secure(spec -> spec.sslContext(ssl));
        }
        WebClient.Builder builder = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES));
        String bearerToken = credentials.bearerToken();
        if (bearerToken != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        }
        return builder.build();
    }

    /** A TLS client context that trusts exactly the CA certificates in {@code caFile} (PEM). */
    private static SslContext trusting(String caFile) {
        try {
            return SslContextBuilder.forClient().trustManager(new File(caFile)).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use " + caFile + " as the API server's CA: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public <T extends KubeObject<T>> Mono<T> get(ResourceType<T> type, String namespace, String name) {
        return exchange(HttpMethod.GET, type.path(namespace, name), null, null, objectType(type));
    }

    /** One page (or all, without a limit) of objects; {@code namespace} null lists across namespaces. */
    public <T extends KubeObject<T>> Mono<KubeList<T>> list(ResourceType<T> type, String namespace,
            ListOptions options) {
        ListOptions opts = options == null ? ListOptions.NONE : options;
        return exchange(HttpMethod.GET, type.basePath(namespace) + query(opts.listParameters()), null, null,
                listType(type));
    }

    /**
     * Every page of a list, following {@code continue} tokens, as one list carrying the first
     * page's resourceVersion (the snapshot all pages come from).
     */
    public <T extends KubeObject<T>> Mono<KubeList<T>> listAll(ResourceType<T> type, String namespace,
            ListOptions options) {
        ListOptions opts = options == null ? ListOptions.NONE : options;
        return list(type, namespace, opts).flatMap(first -> {
            List<T> items = new ArrayList<>(first.items());
            return remainingPages(type, namespace, opts, first, items)
                    .then(Mono.fromSupplier(() -> KubeList.of(first.apiVersion(), first.kind(),
                            ListMeta.of(first.resourceVersion()), List.copyOf(items))));
        });
    }

    private <T extends KubeObject<T>> Mono<Void> remainingPages(ResourceType<T> type, String namespace,
            ListOptions opts, KubeList<T> page, List<T> into) {
        String token = page.metadata().continueToken();
        if (token == null || token.isEmpty()) {
            return Mono.empty();
        }
        return list(type, namespace, opts.withContinueToken(token).withResourceVersion(null))
                .flatMap(next -> {
                    into.addAll(next.items());
                    return remainingPages(type, namespace, opts, next, into);
                });
    }

    /** Creates {@code object} in its metadata's namespace; the server fills uid, resourceVersion, ... */
    public <T extends KubeObject<T>> Mono<T> create(ResourceType<T> type, T object) {
        return exchange(HttpMethod.POST, type.basePath(requireNamespace(type, object)),
                MediaType.APPLICATION_JSON_VALUE, Json.write(object), objectType(type));
    }

    /**
     * As {@link #create}, for writers that only need to know it worked (the event recorder): the server's answer
     * is not decoded, which saves parsing a whole object per write.
     */
    public <T extends KubeObject<T>> Mono<Void> createWithoutResult(ResourceType<T> type, T object) {
        return this.<Void>exchange(HttpMethod.POST, type.basePath(requireNamespace(type, object)),
                MediaType.APPLICATION_JSON_VALUE, Json.write(object), null).then();
    }

    /** As {@link #patch}, without decoding the server's answer. */
    public <T extends KubeObject<T>> Mono<Void> patchWithoutResult(ResourceType<T> type, String namespace,
            String name, PatchType patchType, String body) {
        return this.<Void>exchange(HttpMethod.PATCH, type.path(namespace, name), patchType.contentType(), body, null)
                .then();
    }

    /** Replaces spec and metadata; a stale metadata.resourceVersion fails with 409 Conflict. */
    public <T extends KubeObject<T>> Mono<T> update(ResourceType<T> type, T object) {
        return exchange(HttpMethod.PUT, type.path(requireNamespace(type, object), object.name()),
                MediaType.APPLICATION_JSON_VALUE, Json.write(object), objectType(type));
    }

    /** Replaces only the status, through the {@code /status} subresource. */
    public <T extends KubeObject<T>> Mono<T> updateStatus(ResourceType<T> type, T object) {
        return exchange(HttpMethod.PUT, type.path(requireNamespace(type, object), object.name()) + "/status",
                MediaType.APPLICATION_JSON_VALUE, Json.write(object), objectType(type));
    }

    public <T extends KubeObject<T>> Mono<T> patch(ResourceType<T> type, String namespace, String name,
            PatchType patchType, String body) {
        return exchange(HttpMethod.PATCH, type.path(namespace, name), patchType.contentType(), body,
                objectType(type));
    }

    public <T extends KubeObject<T>> Mono<T> patchStatus(ResourceType<T> type, String namespace, String name,
            PatchType patchType, String body) {
        return exchange(HttpMethod.PATCH, type.path(namespace, name) + "/status", patchType.contentType(), body,
                objectType(type));
    }

    /**
     * Deletes an object. Completes when the server accepted the delete; with finalizers or a grace
     * period the object may still exist (with a deletionTimestamp) for a while.
     */
    public <T extends KubeObject<T>> Mono<Void> delete(ResourceType<T> type, String namespace, String name,
            DeleteOptions options) {
        String body = options == null ? null : Json.write(options);
        return exchange(HttpMethod.DELETE, type.path(namespace, name),
                body == null ? null : MediaType.APPLICATION_JSON_VALUE, body, Json.mapper().constructType(Object.class))
                .then();
    }

    /** Assigns a pod to a node: POST of a Binding to {@code pods/{name}/binding}, as the scheduler does. */
    public Mono<Void> bind(String namespace, String podName, String nodeName) {
        return exchange(HttpMethod.POST, Resources.PODS.path(namespace, podName) + "/binding",
                MediaType.APPLICATION_JSON_VALUE, Json.write(Binding.of(namespace, podName, nodeName)), null)
                .then();
    }

    /**
     * {@code PUT namespaces/{name}/finalize}: replaces the namespace's {@code spec.finalizers}, as the namespace
     * controller does once the namespace is empty; the server deletes the namespace when none remain.
     */
    public Mono<Namespace> finalizeNamespace(Namespace namespace) {
        return exchange(HttpMethod.PUT, Resources.NAMESPACES.path(null, namespace.metadata().name()) + "/finalize",
                MediaType.APPLICATION_JSON_VALUE, Json.write(namespace), Json.mapper().constructType(Namespace.class));
    }

    public <T extends KubeObject<T>> Mono<Scale> getScale(ResourceType<T> type, String namespace, String name) {
        return exchange(HttpMethod.GET, type.path(namespace, name) + "/scale", null, null,
                Json.mapper().constructType(Scale.class));
    }

    public <T extends KubeObject<T>> Mono<Scale> updateScale(ResourceType<T> type, String namespace, String name,
            Scale scale) {
        return exchange(HttpMethod.PUT, type.path(namespace, name) + "/scale", MediaType.APPLICATION_JSON_VALUE,
                Json.write(scale), Json.mapper().constructType(Scale.class));
    }

    /**
     * A watch from {@code resourceVersion} (null: from now). Emits ADDED, MODIFIED, DELETED and
     * BOOKMARK events, completes when the server ends the stream, and fails with an
     * {@link ApiException} on an ERROR event or a non-2xx answer (410 when the version is too old).
     */
    public <T extends KubeObject<T>> Flux<WatchEvent<T>> watch(ResourceType<T> type, String namespace,
            ListOptions options, String resourceVersion) {
        ListOptions opts = options == null ? ListOptions.NONE : options;
        URI uri = URI.create(baseUrl + type.basePath(namespace) + query(opts.watchParameters(resourceVersion)));
        Flux<byte[]> chunks = web.get().uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToFlux(response -> response.statusCode().is2xxSuccessful()
                        ? response.body(BodyExtractors.toDataBuffers()).map(ApiClient::toBytes)
                        : ApiClient.<byte[]>errorOf(response).flux());
        return LineSplitter.lines(chunks).map(line -> WatchEventDecoder.decode(line, type.javaType()));
    }

    /**
     * What an informer needs: a {@link ListWatchEvent.Listed} after every (re)list, then each change,
     * forever, resuming after disconnects and relisting after 410 Expired (see {@link ListWatcher}).
     * {@code limit}, {@code continueToken} and {@code resourceVersion} of the options apply to the lists.
     */
    public <T extends KubeObject<T>> Flux<ListWatchEvent<T>> listAndWatch(ResourceType<T> type, String namespace,
            ListOptions options) {
        ListOptions opts = options == null ? ListOptions.NONE : options;
        // Like client-go, ask the server to end each watch after 5-10 minutes, and give up on a
        // connection that has been silent well past that: it is dead without having said so.
        int timeoutSeconds = opts.timeoutSeconds() != null ? opts.timeoutSeconds()
                : 300 + ThreadLocalRandom.current().nextInt(300);
        ListOptions watchOptions = opts.withTimeoutSeconds(timeoutSeconds);
        String description = type.plural() + (namespace == null ? "" : " in " + namespace);
        return new ListWatcher<T>(description,
                () -> listAll(type, namespace, opts),
                rv -> watch(type, namespace, watchOptions, rv).timeout(Duration.ofSeconds(timeoutSeconds + 30L)),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(100))
                .run();
    }

    /** One request; the 2xx body decoded as {@code resultType}, or released unread when that is null. */
    private <R> Mono<R> exchange(HttpMethod method, String path, String contentType, String body, JavaType resultType) {
        WebClient.RequestBodySpec request = web.method(method)
                .uri(URI.create(baseUrl + path))
                .accept(MediaType.APPLICATION_JSON);
        WebClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.header(HttpHeaders.CONTENT_TYPE, contentType).bodyValue(body);
        return ready.exchangeToMono(response -> {
            if (!response.statusCode().is2xxSuccessful()) {
                return errorOf(response);
            }
            if (resultType == null) {
                return response.releaseBody().then(Mono.<R>empty());
            }
            return response.bodyToMono(byte[].class)
                    .map(bytes -> Json.mapper().readValue(bytes, resultType));
        });
    }

    private static <R> Mono<R> errorOf(ClientResponse response) {
        int code = response.statusCode().value();
        return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> Mono.<R>error(ApiException.fromResponse(code, bytes)));
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static JavaType objectType(ResourceType<?> type) {
        return Json.mapper().constructType(type.javaType());
    }

    private static <T extends KubeObject<T>> JavaType listType(ResourceType<T> type) {
        return Json.parametricType(KubeList.class, type.javaType());
    }

    private static String requireNamespace(ResourceType<?> type, KubeObject<?> object) {
        if (object.metadata() == null) {
            throw new IllegalArgumentException("a " + type.kind() + " needs metadata");
        }
        return type.namespaced() ? object.namespace() : null;
    }

    /** {@code ?a=b&c=d}, values percent-encoded (spaces as %20: selectors contain them). */
    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&", "?", ""));
    }
}
