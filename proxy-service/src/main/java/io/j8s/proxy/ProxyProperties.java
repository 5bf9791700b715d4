package io.j8s.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code j8s.proxy}: where users send traffic and how it is forwarded.
 *
 * @param apiServerUrl              the API server whose Services and Endpoints are routed
 * @param address                   the address the service port and every node port listen on
 * @param port                      the service port: Services named by Host header or {@code /proxy/...} path
 * @param defaultNamespace          the namespace of a bare {@code Host: <svc>}
 * @param clusterDomain             the domain of {@code <svc>.<ns>.svc.<clusterDomain>}
 * @param nodePorts                 whether Services of type NodePort get a listener on their node port
 * @param connectTimeout            how long an endpoint may take to accept a connection before the next is tried
 * @param idleTimeout               how long a kept-alive connection to an endpoint may idle in the pool
 * @param maxConnectionsPerEndpoint connections per endpoint and event loop; requests beyond wait for one
 * @param eventLoops                threads serving user traffic (default: one per core)
 * @param ejection                  when an endpoint that keeps failing is taken out of rotation
 */
@ConfigurationProperties(prefix = "j8s.proxy")
public record ProxyProperties(
        String apiServerUrl,
        String address,
        Integer port,
        String defaultNamespace,
        String clusterDomain,
        Boolean nodePorts,
        Duration connectTimeout,
        Duration idleTimeout,
        Integer maxConnectionsPerEndpoint,
        Integer eventLoops,
        Ejection ejection) {

    public ProxyProperties {
        apiServerUrl = apiServerUrl == null ? "https://127.0.0.1:8080" : apiServerUrl;
        address = address == null ? "127.0.0.1" : address;
        port = port == null ? 10280 : port;
        defaultNamespace = defaultNamespace == null ? "default" : defaultNamespace;
        clusterDomain = clusterDomain == null ? "cluster.local" : clusterDomain;
        nodePorts = nodePorts == null || nodePorts;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        maxConnectionsPerEndpoint = maxConnectionsPerEndpoint == null ? 512 : maxConnectionsPerEndpoint;
        eventLoops = eventLoops == null || eventLoops < 1 ? Runtime.getRuntime().availableProcessors() : eventLoops;
        ejection = ejection == null ? new Ejection(null, null, null, null) : ejection;
    }

    /**
     * An endpoint is ejected (its circuit breaker opens) when at least {@code failureRatePercent} of its last
     * {@code window} requests, and at least {@code minimumRequests}, failed to connect or were reset; after
     * {@code duration} one request tries it again and brings it back if it succeeds.
     */
    public record Ejection(Integer window, Integer minimumRequests, Integer failureRatePercent, Duration duration) {

        public Ejection {
            window = window == null ? 10 : window;
            minimumRequests = minimumRequests == null ? 3 : minimumRequests;
            failureRatePercent = failureRatePercent == null ? 50 : failureRatePercent;
            duration = duration == null ? Duration.ofSeconds(5) : duration;
        }
    }
}
