package io.j8s.apiserver.audit;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.RequestInfos;
import io.j8s.apiserver.security.UserInfo;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Audits every mutating request (create, update, patch, delete, deletecollection), including those refused with 401
 * or 403: outermost of the filters, it writes the event when the response is committed, so the code is the one the
 * client got. Answers carry kube-apiserver's {@code Audit-Id} header.
 */
@Component
@Order(-200)
class AuditFilter implements WebFilter {

    private final AuditLog log;

    AuditFilter(AuditLog log) {
        this.log = log;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.enabled()) {
            return chain.filter(exchange);
        }
        RequestInfo request = RequestInfos.of(exchange);
        if (!request.isMutating()) {
            return chain.filter(exchange);
        }
        String auditId = UUID.randomUUID().toString();
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        AuditEvent event = new AuditEvent(auditId, Instant.now(), exchange.getRequest().getURI().getRawPath()
            + (exchange.getRequest().getURI().getRawQuery() == null ? ""
                : "?" + exchange.getRequest().getURI().getRawQuery()),
            request, remote == null || remote.getAddress() == null ? "" : remote.getAddress().getHostAddress(),
            exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT));
        exchange.getResponse().getHeaders().set("Audit-Id", auditId);
        exchange.getResponse().beforeCommit(() -> {
            UserInfo user = exchange.getAttribute(RequestInfos.USER_ATTRIBUTE);
            UserInfo impersonator = exchange.getAttribute(RequestInfos.IMPERSONATOR_ATTRIBUTE);
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            log.write(event.toJson(user == null ? UserInfo.ANONYMOUS : user, impersonator,
                status == null ? 200 : status.value()));
            return Mono.empty();
        });
        return chain.filter(exchange).contextWrite(context -> context.put(AuditEvent.class, event));
    }
}
