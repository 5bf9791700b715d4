package io.j8s.apiserver.security;

import org.springframework.web.server.ServerWebExchange;

/** The {@link RequestInfo} of an exchange, parsed once and shared by authorization and the audit log. */
public final class RequestInfos {

    private static final String ATTRIBUTE = RequestInfo.class.getName();
    /** Who the request was authenticated as, once known; the audit log reads it. */
    public static final String USER_ATTRIBUTE = UserInfo.class.getName();
    /** Who authenticated, when the request impersonates {@link #USER_ATTRIBUTE}. */
    public static final String IMPERSONATOR_ATTRIBUTE = UserInfo.class.getName() + ".impersonator";

    private RequestInfos() {
    }

    public static RequestInfo of(ServerWebExchange exchange) {
        Object cached = exchange.getAttribute(ATTRIBUTE);
        if (cached instanceof RequestInfo info) {
            return info;
        }
        RequestInfo info = RequestInfo.of(exchange.getRequest().getMethod(),
            exchange.getRequest().getPath().pathWithinApplication().value(), exchange.getRequest().getQueryParams());
        exchange.getAttributes().put(ATTRIBUTE, info);
        return info;
    }
}
