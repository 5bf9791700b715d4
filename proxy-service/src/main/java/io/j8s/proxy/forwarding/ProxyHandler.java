package io.j8s.proxy.forwarding;

import io.j8s.proxy.ProxyProperties;
import io.j8s.proxy.metrics.ProxyMetrics;
import io.j8s.proxy.routing.PortRoute;
import io.j8s.proxy.routing.RoutingTable;
import io.j8s.proxy.routing.ServiceAddress;
import io.j8s.proxy.routing.ServiceKey;
import io.j8s.proxy.routing.ServiceRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Every request the proxy serves: finds the Service and port it is for, answers itself when there is nowhere to
 * send it (404 for an unknown Service or port, 503 when no endpoint is ready), hands it to the {@link Forwarder}
 * otherwise, and counts it.
 */
@Component
public class ProxyHandler {

    private final RoutingTable table;
    private final Forwarder forwarder;
    private final ProxyMetrics metrics;
    private final String defaultNamespace;
    private final String clusterDomain;

    public ProxyHandler(RoutingTable table, Forwarder forwarder, ProxyMetrics metrics, ProxyProperties properties) {
        this.table = table;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.defaultNamespace = properties.defaultNamespace();
        this.clusterDomain = properties.clusterDomain();
    }

    /** The service port: the Service named by a {@code /proxy/namespaces/...} path, or else by the Host header. */
    public Mono<Void> servicePort(HttpServerRequest request, HttpServerResponse response) {
        String uri = request.uri();
        ServiceAddress address;
        if (ServiceAddress.isProxyPath(uri)) {
            address = ServiceAddress.fromPath(uri);
            if (address == null) {
                return unknown(response, "the path " + uri.split("\\?", 2)[0] + " names no Service: use "
                    + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/<path>");
            }
        } else {
            String host = request.requestHeaders().get(HttpHeaderNames.HOST);
            address = ServiceAddress.fromHost(host, uri, defaultNamespace, clusterDomain);
            if (address == null) {
                return unknown(response, "the Host header \"" + host + "\" names no Service: send Host: <service>, "
                    + "<service>.<namespace>[.svc[." + clusterDomain + "]], or request "
                    + "/proxy/namespaces/<namespace>/services/<service>[:<port>]/<path>");
            }
        }
        ServiceKey key = new ServiceKey(address.namespace(), address.service());
        Optional<ServiceRoute> route = table.route(key);
        if (route.isEmpty()) {
            return unknown(response, "services \"" + key.name() + "\" not found in namespace \"" + key.namespace() + "\"");
        }
        Optional<PortRoute> port = address.port() != null ? route.get().port(address.port())
            : Optional.of(route.get().portForHost(address.hostPort()));
        if (port.isEmpty()) {
            return unknown(response, "service \"" + key.name() + "\" in namespace \"" + key.namespace()
                + "\" has no port \"" + address.port() + "\"");
        }
        return forward(request, response, route.get(), port.get(), address.path());
    }

    /** A node port: every request goes to the Service port that owns it. */
    public Mono<Void> nodePort(int nodePort, HttpServerRequest request, HttpServerResponse response) {
        Optional<ServiceRoute> route = table.byNodePort(nodePort);
        Optional<PortRoute> port = route.flatMap(r -> r.nodePort(nodePort));
        if (port.isEmpty()) {
            return unknown(response, "no Service holds node port " + nodePort);
        }
        return forward(request, response, route.get(), port.get(), request.uri());
    }

    private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, ServiceRoute route,
                               PortRoute port, String path) {
        long started = System.nanoTime();
        Mono<Void> answer;
        if (port.ready().isEmpty()) {
            port.state().metrics().error("no_endpoints");
            answer = StatusResponses.send(response, 503, "ServiceUnavailable",
                "no endpoints available for service \"" + route.key().name() + "\""
                    + (port.notReady() > 0 ? " (" + port.notReady() + " not ready)" : ""));
        } else {
            answer = forwarder.forward(request, response, route, port, path);
        }
        return answer.doFinally(signal -> port.state().metrics().request(
            signal == SignalType.CANCEL && !response.hasSentHeaders() ? 0 : response.status().code(),
            System.nanoTime() - started));
    }

    private Mono<Void> unknown(HttpServerResponse response, String message) {
        metrics.unknownService();
        return StatusResponses.send(response, 404, "NotFound", message);
    }
}
