package io.j8s.apiserver.discovery;

import io.j8s.apiserver.rest.ApiException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the discovery endpoints. {@code /api} and {@code /apis} answer the aggregated
 * {@code apidiscovery.k8s.io/v2} document when the client's Accept header asks for it (kubectl 1.32 and
 * client-go do, with plain JSON as fallback) and the legacy documents otherwise; a client that only
 * offers {@code v2beta1} gets the legacy documents, which client-go recognises by the plain
 * {@code application/json} content type.
 */
@Component
public class DiscoveryHandler {

    /** Exactly what kube-apiserver answers and client-go matches (g, v and as parameters). */
    public static final String AGGREGATED_V2_CONTENT_TYPE =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private static final String JSON = "application/json";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final DiscoveryDocuments documents;

    public DiscoveryHandler(DiscoveryDocuments documents) {
        this.documents = documents;
    }

    /** {@code GET /version}. */
    public Mono<ServerResponse> version(ServerRequest request) {
        return json(JSON, ServerVersion.info());
    }

    /** {@code GET /api}. */
    public Mono<ServerResponse> api(ServerRequest request) {
        if (wantsAggregatedV2(request)) {
            return json(AGGREGATED_V2_CONTENT_TYPE, documents.aggregatedCore());
        }
        return json(JSON, documents.apiVersions(serverAddress(request)));
    }

    /** {@code GET /apis}. */
    public Mono<ServerResponse> apis(ServerRequest request) {
        if (wantsAggregatedV2(request)) {
            return json(AGGREGATED_V2_CONTENT_TYPE, documents.aggregatedApis());
        }
        return json(JSON, documents.apiGroupList());
    }

    /** {@code GET /apis/{group}}. */
    public Mono<ServerResponse> apiGroup(ServerRequest request) {
        String group = request.pathVariable("group");
        return documents.apiGroup(group)
            .map(doc -> json(JSON, doc))
            .orElseGet(() -> Mono.error(notFound()));
    }

    /** {@code GET /api/{version}}. */
    public Mono<ServerResponse> coreResources(ServerRequest request) {
        return resources("", request.pathVariable("version"));
    }

    /** {@code GET /apis/{group}/{version}}. */
    public Mono<ServerResponse> groupResources(ServerRequest request) {
        String group = request.pathVariable("group");
        if (group.isEmpty()) {
            return Mono.error(notFound());
        }
        return resources(group, request.pathVariable("version"));
    }

    private Mono<ServerResponse> resources(String group, String version) {
        return documents.apiResourceList(group, version)
            .map(doc -> json(JSON, doc))
            .orElseGet(() -> Mono.error(notFound()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("the server could not find the requested resource");
    }

    private static Mono<ServerResponse> json(String contentType, Map<String, Object> body) {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        return ServerResponse.ok()
            .header(HttpHeaders.CONTENT_TYPE, contentType)
            .bodyValue(bytes);
    }

    /**
     * True when one of the acceptable media types is {@code application/json} with
     * {@code g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList} (parameters in any order, not q=0).
     */
    static boolean wantsAggregatedV2(ServerRequest request) {
        return wantsAggregatedV2(request.headers().header(HttpHeaders.ACCEPT));
    }

    static boolean wantsAggregatedV2(List<String> acceptHeaders) {
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(acceptHeaders);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        for (MediaType m : accepted) {
            if ("application".equalsIgnoreCase(m.getType())
                && "json".equalsIgnoreCase(m.getSubtype())
                && "apidiscovery.k8s.io".equals(m.getParameter("g"))
                && "v2".equals(m.getParameter("v"))
                && "APIGroupDiscoveryList".equals(m.getParameter("as"))
                && m.getQualityValue() > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code host:port} the client used to reach this server, for {@code serverAddressByClientCIDRs}. */
    static String serverAddress(ServerRequest request) {
        URI uri = request.uri();
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            InetSocketAddress local = request.localAddress().orElse(null);
            host = local == null ? "127.0.0.1" : local.getHostString();
        }
        if (port < 0) {
            InetSocketAddress local = request.localAddress().orElse(null);
            if (local != null && local.getPort() > 0) {
                port = local.getPort();
            } else {
                port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            }
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + port;
    }
}
