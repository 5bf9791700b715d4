package io.j8s.apiserver.security;

import io.j8s.apiserver.authorization.Forbidden;
import io.j8s.apiserver.authorization.RequestAuthorizer;
import io.j8s.apiserver.rest.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * kube-apiserver's user impersonation ({@code kubectl --as jane --as-group dev}): the {@code Impersonate-User},
 * {@code Impersonate-Group} and {@code Impersonate-Uid} headers make an authenticated request act as someone else, if
 * its user may {@code impersonate} that user (or service account), each group and the uid. Runs right after
 * authentication, so authorization, admission and the audit log see the impersonated user (the audit log names
 * both).
 */
final class Impersonation implements WebFilter {

    static final String USER = "Impersonate-User";
    static final String GROUP = "Impersonate-Group";
    static final String UID = "Impersonate-Uid";
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private final RequestAuthorizer authorizer;

    Impersonation(RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (!headers.containsHeader(USER) && !headers.containsHeader(GROUP) && !headers.containsHeader(UID)) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .filter(KubernetesAuthentication.class::isInstance)
            .map(authentication -> ((KubernetesAuthentication) authentication).user())
            .flatMap(real -> impersonate(real, headers)
                .flatMap(target -> chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder
                    .withAuthentication(new KubernetesAuthentication(target, real))))
                .onErrorResume(ApiException.class, e -> StatusResponses.write(exchange, e)))
            .switchIfEmpty(Mono.defer(() -> chain.filter(exchange))); // unauthenticated: authorization answers 401
    }

    /** The user to act as, once every part of the impersonation is allowed; 403 naming the first that is not. */
    private Mono<UserInfo> impersonate(UserInfo real, HttpHeaders headers) {
        String name = headers.getFirst(USER);
        if (name == null || name.isEmpty()) {
            return Mono.error(ApiException.badRequest("impersonating groups or a uid requires impersonating a user ("
                + USER + ")"));
        }
        List<String> groups = new ArrayList<>(headers.getOrEmpty(GROUP));
        String uid = headers.getFirst(UID);
        List<RequestInfo> checks = new ArrayList<>();
        if (name.startsWith(SERVICE_ACCOUNT_PREFIX) && name.split(":").length == 4) {
            String[] parts = name.split(":");
            checks.add(RequestInfo.resource("impersonate", "", "v1", parts[2], "serviceaccounts", "", parts[3]));
            if (groups.isEmpty()) {
                groups.add("system:serviceaccounts");
                groups.add("system:serviceaccounts:" + parts[2]);
            }
        } else {
            checks.add(RequestInfo.resource("impersonate", "", "v1", "", "users", "", name));
        }
        groups.forEach(group -> checks.add(RequestInfo.resource("impersonate", "", "v1", "", "groups", "", group)));
        if (uid != null) {
            checks.add(RequestInfo.resource("impersonate", "authentication.k8s.io", "v1", "", "uids", "", uid));
        }
        return Flux.fromIterable(checks)
            .concatMap(check -> authorizer.authorize(real, check)
                .flatMap(decision -> decision.allowed() ? Mono.<Void>empty()
                    : Mono.error(Forbidden.of(real, check, decision.reason()))))
            .then(Mono.fromSupplier(() -> name.equals(UserInfo.ANONYMOUS.name())
                ? new UserInfo(name, uid, groups)
                : UserInfo.authenticated(name, uid, groups)));
    }
}
