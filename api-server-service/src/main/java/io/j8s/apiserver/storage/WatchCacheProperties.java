package io.j8s.apiserver.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The watch cache: {@code enabled} (default true; off, every watch is its own etcd watch, which only benchmarks
 * want, to compare) and {@code window}, how many of a kind's latest changes are kept for watches that resume from a
 * recent resourceVersion (older ones are served by etcd directly).
 */
@ConfigurationProperties(prefix = "j8s.watch-cache")
public record WatchCacheProperties(Boolean enabled, Integer window) {

    public WatchCacheProperties {
        enabled = enabled == null || enabled;
        window = window == null ? 1000 : window;
        if (window < 1) {
            throw new IllegalArgumentException("j8s.watch-cache.window must be at least 1, not " + window);
        }
    }
}
