package io.j8s.apiserver.security;

import io.j8s.apiserver.rest.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses requests whose headers add up to more than 32 KiB with a 431 Status, before anything looks at them. Netty
 * reads up to 1 MiB of headers (see application.yml) precisely so that this answer, not a reset connection, is what a
 * client sending huge headers gets.
 */
@Component
@Order(-300)
class RequestLimits implements WebFilter {

    static final int MAX_HEADER_BYTES = 32 * 1024;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long size = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequest().getHeaders().headerSet()) {
            for (String value : header.getValue()) {
                size += header.getKey().length() + value.length() + 4;
            }
        }
        if (size > MAX_HEADER_BYTES) {
            return StatusResponses.write(exchange, new ApiException(431, "RequestHeaderFieldsTooLarge",
                "the request headers are larger than the limit of " + MAX_HEADER_BYTES + " bytes", null, null,
                null, null));
        }
        return chain.filter(exchange);
    }
}
