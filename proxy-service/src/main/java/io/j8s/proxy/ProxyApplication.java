package io.j8s.proxy;

import io.j8s.common.client.ApiServerCredentials;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * kube-proxy for j8s: routes requests for a Service's stable name round-robin to its ready endpoints. User traffic
 * goes to the service port and node ports (Reactor Netty servers of their own); the Spring web server on
 * {@code server.port} (10256) serves only Actuator: health and Prometheus metrics.
 */
@SpringBootApplication
@EnableConfigurationProperties({ProxyProperties.class, ApiServerCredentials.class})
public class ProxyApplication {

    public static void main(String[] args) {
        // Netty samples buffers for leak reports by recording stack traces, a cost on every request the data plane
        // does not pay in production; the tests (which do not start here) keep the detector on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        // Netty 4.2's default (adaptive) allocator cost about a tenth more CPU per proxied request than the pooled one.
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "pooled");
        }
        SpringApplication.run(ProxyApplication.class, args);
    }
}
