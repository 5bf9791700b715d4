package io.j8s.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * kube-proxy for j8s: routes requests for a Service's stable name round-robin to its ready endpoints. User traffic
 * goes to the service port and node ports (Reactor Netty servers of their own); the Spring web server on
 * {@code server.port} (10256) serves only Actuator: health and Prometheus metrics.
 */
@SpringBootApplication
@EnableConfigurationProperties(ProxyProperties.class)
public class ProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProxyApplication.class, args);
    }
}
