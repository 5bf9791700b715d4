package io.j8s.apiserver.storage;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach etcd. {@code requestTimeout} bounds every call, so a request made while etcd is down
 * answers 503 instead of hanging.
 */
@ConfigurationProperties(prefix = "j8s.etcd")
public record EtcdProperties(List<String> endpoints, Duration requestTimeout) {

    public EtcdProperties {
        endpoints = endpoints == null || endpoints.isEmpty() ? List.of("http://127.0.0.1:2379") : endpoints;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
    }
}
