package io.j8s.proxy.routing;

import java.time.Duration;

/**
 * {@code spec.sessionAffinity}: None, or ClientIP with {@code sessionAffinityConfig.clientIP.timeoutSeconds}
 * (Kubernetes' default three hours): requests from one client address keep going to the same endpoint.
 */
public record SessionAffinity(boolean clientIp, Duration timeout) {

    public static final SessionAffinity NONE = new SessionAffinity(false, Duration.ZERO);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10800);

    public static SessionAffinity clientIp(Duration timeout) {
        return new SessionAffinity(true, timeout);
    }
}
