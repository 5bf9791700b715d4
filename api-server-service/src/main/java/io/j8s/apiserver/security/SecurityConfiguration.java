package io.j8s.apiserver.security;

import io.j8s.apiserver.authorization.RequestAuthorizer;
import io.j8s.apiserver.rest.ApiException;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.WebFilter;

/**
 * The API server's front door, as kube-apiserver's handler chain: authenticate (client certificate or bearer token,
 * else 401), impersonate when asked and allowed, then authorize (Node, RBAC; else 403); the admission chain and validation follow in the store. Health,
 * {@code /version} and Swagger UI are open to everyone; in development mode ({@code j8s.security.insecure}) every
 * request is let through.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Paths anyone may read, with or without credentials (a bad token is still 401 there, as in Kubernetes). */
    static final String[] OPEN_PATHS = {"/version", "/version/", "/livez", "/readyz", "/healthz",
        "/actuator/health", "/actuator/health/**", "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs",
        "/v3/api-docs/**", "/webjars/**"};

    @Bean(destroyMethod = "close")
    TokenAuthenticator tokenAuthenticator(SecurityProperties properties) {
        properties.validate();
        String file = properties.authentication().tokenAuthFile();
        return properties.insecure() || file == null ? null
            : new TokenAuthenticator(Path.of(file), properties.authentication().reloadInterval());
    }

    @Bean
    SecurityWebFilterChain apiServerSecurity(ServerHttpSecurity http, SecurityProperties properties,
                                            ObjectProvider<TokenAuthenticator> tokens, RequestAuthorizer authorizer) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        if (properties.insecure()) {
            return http.addFilterAt(unsecured(), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
        }
        RequestAuthentication authentication = new RequestAuthentication(tokens.getIfAvailable(),
            properties.tls().clientCaFile() != null);
        AuthenticationWebFilter authenticate = new AuthenticationWebFilter(authentication);
        authenticate.setServerAuthenticationConverter(authentication);
        authenticate.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(
            (exchange, e) -> StatusResponses.write(exchange, StatusResponses.UNAUTHORIZED)));
        return http.addFilterAt(authenticate, SecurityWebFiltersOrder.AUTHENTICATION)
            .addFilterAfter(new Impersonation(authorizer), SecurityWebFiltersOrder.AUTHENTICATION)
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(OPEN_PATHS).permitAll()
                .anyExchange().access(new KubernetesAuthorizationManager(authorizer)))
            .exceptionHandling(handling -> handling
                .authenticationEntryPoint((exchange, e) -> StatusResponses.write(exchange,
                    StatusResponses.UNAUTHORIZED))
                .accessDeniedHandler((exchange, e) -> {
                    ApiException forbidden = exchange.getAttribute(KubernetesAuthorizationManager.FORBIDDEN_ATTRIBUTE);
                    return StatusResponses.write(exchange, forbidden != null ? forbidden
                        : ApiException.forbidden("forbidden"));
                }))
            .build();
    }

    /** Development mode: every request is the old insecure port's {@code system:unsecured}, a cluster admin. */
    private static WebFilter unsecured() {
        KubernetesAuthentication unsecured = new KubernetesAuthentication(UserInfo.UNSECURED);
        return (exchange, chain) -> {
            exchange.getAttributes().put(RequestInfos.USER_ATTRIBUTE, UserInfo.UNSECURED);
            return chain.filter(exchange).contextWrite(
                ReactiveSecurityContextHolder.withAuthentication(unsecured));
        };
    }
}
