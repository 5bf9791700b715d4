package io.j8s.proxy.forwarding;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.metrics.ProxyMetrics;
import io.j8s.proxy.metrics.RouteMetrics;
import io.j8s.proxy.routing.PortRoute;
import io.j8s.proxy.routing.RoutingTable;
import io.j8s.proxy.routing.ServiceAddress;
import io.j8s.proxy.routing.ServiceKey;
import io.j8s.proxy.routing.ServiceRoute;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where a request goes: the Service and port it names, or the proxy's own answer when there is nowhere to send it
 * (404 for an unknown Service or port, 503 when no endpoint is ready), counted in the metrics.
 */
@Component
public class RequestRouter {

    /** Where one request goes. */
    sealed interface Resolution permits Routed, Refused {
    }

    /** To the endpoints of {@code port}, asking for {@code path}. */
    record Routed(ServiceRoute route, PortRoute port, String path) implements Resolution {
    }

    /** Answered by the proxy; {@link #count()} once sent. */
    record Refused(FullHttpResponse response, RouteMetrics metrics, String reason, ProxyMetrics proxyMetrics)
        implements Resolution {

        void count() {
            if (metrics == null) {
                proxyMetrics.unknownService();
            } else {
                metrics.error(reason);
                metrics.request(response.status().code(), 0);
            }
        }
    }

    /** How a listener finds the Service of a request. */
    @FunctionalInterface
    interface Resolver {
        Resolution resolve(HttpRequest request);
    }

    private final RoutingTable table;
    private final ProxyMetrics metrics;
    private final String defaultNamespace;
    private final String clusterDomain;

    public RequestRouter(RoutingTable table, ProxyMetrics metrics, ProxyProperties properties) {
        this.table = table;
        this.metrics = metrics;
        this.defaultNamespace = properties.defaultNamespace();
        this.clusterDomain = properties.clusterDomain();
    }

    /** The service port: the Service named by a {@code /proxy/namespaces/...} path, or else by the Host header. */
    Resolver servicePort() {
        return this::byPathOrHost;
    }

    /** A node port: every request goes to the Service port that owns it. */
    Resolver nodePort(int nodePort) {
        return request -> {
            Optional<ServiceRoute> route = table.byNodePort(nodePort);
            Optional<PortRoute> port = route.flatMap(r -> r.nodePort(nodePort));
            return port.isEmpty() ? notFound("no Service holds node port " + nodePort)
                : routed(route.get(), port.get(), request.uri());
        };
    }

    private Resolution byPathOrHost(HttpRequest request) {
        String uri = request.uri();
        ServiceAddress address;
        if (ServiceAddress.isProxyPath(uri)) {
            address = ServiceAddress.fromPath(uri);
            if (address == null) {
                return notFound("the path " + uri.split("\\?", 2)[0] + " names no Service: use "
                    + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/<path>");
            }
        } else {
            String host = request.headers().get(HttpHeaderNames.HOST);
            address = ServiceAddress.fromHost(host, uri, defaultNamespace, clusterDomain);
            if (address == null) {
                return notFound("the Host header \"" + host + "\" names no Service: send Host: <service>, "
                    + "<service>.<namespace>[.svc[." + clusterDomain + "]], or request "
                    + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/<path>");
            }
        }
        ServiceKey key = new ServiceKey(address.namespace(), address.service());
        Optional<ServiceRoute> route = table.route(key);
        if (route.isEmpty()) {
            return notFound("services \"" + key.name() + "\" not found in namespace \"" + key.namespace() + "\"");
        }
        Optional<PortRoute> port = address.port() != null ? route.get().port(address.port())
            : Optional.of(route.get().portForHost(address.hostPort()));
        if (port.isEmpty()) {
            return notFound("service \"" + key.name() + "\" in namespace \"" + key.namespace()
                + "\" has no port \"" + address.port() + "\"");
        }
        return routed(route.get(), port.get(), address.path());
    }

    private Resolution routed(ServiceRoute route, PortRoute port, String path) {
        if (port.ready().isEmpty()) {
            return new Refused(StatusResponses.of(503, "ServiceUnavailable",
                "no endpoints available for service \"" + route.key().name() + "\""
                    + (port.notReady() > 0 ? " (" + port.notReady() + " not ready)" : "")),
                port.state().metrics(), "no_endpoints", metrics);
        }
        return new Routed(route, port, path);
    }

    private Resolution notFound(String message) {
        return new Refused(StatusResponses.of(404, "NotFound", message), null, null, metrics);
    }
}
