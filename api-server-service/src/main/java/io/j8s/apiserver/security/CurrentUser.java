package io.j8s.apiserver.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * The user the current request acts as, from the Reactor context the security filters filled. Empty outside a
 * request: the API server's own writes (bootstrap), which nothing restricts.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Mono<UserInfo> get() {
        return ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .filter(KubernetesAuthentication.class::isInstance)
            .map(authentication -> ((KubernetesAuthentication) authentication).user());
    }
}
