package io.j8s.apiserver.security;

import io.j8s.apiserver.authorization.Forbidden;
import io.j8s.apiserver.authorization.RequestAuthorizer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's hook into the Kubernetes authorizer chain: the request's {@link RequestInfo} and user go to
 * {@link RequestAuthorizer}; a refusal leaves kube-apiserver's 403 Status in the exchange for the denied handler.
 */
final class KubernetesAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final String FORBIDDEN_ATTRIBUTE = Forbidden.class.getName();

    private final RequestAuthorizer authorizer;

    KubernetesAuthorizationManager(RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerWebExchange exchange = context.getExchange();
        return authentication
            .filter(KubernetesAuthentication.class::isInstance)
            .map(KubernetesAuthentication.class::cast)
            .flatMap(authenticated -> {
                UserInfo user = authenticated.user();
                exchange.getAttributes().put(RequestInfos.USER_ATTRIBUTE, user);
                if (authenticated.impersonator() != null) {
                    exchange.getAttributes().put(RequestInfos.IMPERSONATOR_ATTRIBUTE, authenticated.impersonator());
                }
                RequestInfo request = RequestInfos.of(exchange);
                return authorizer.authorize(user, request).map(decision -> {
                    if (decision.allowed()) {
                        return (AuthorizationResult) new AuthorizationDecision(true);
                    }
                    exchange.getAttributes().put(FORBIDDEN_ATTRIBUTE, Forbidden.of(user, request, decision.reason()));
                    return new AuthorizationDecision(false);
                });
            })
            .defaultIfEmpty(new AuthorizationDecision(false));
    }
}
