package io.j8s.apiserver.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * kube-apiserver's authenticators: a client certificate the TLS handshake verified against the client CA (user = CN,
 * groups = O) wins; otherwise an {@code Authorization: Bearer} token from the token file. A request with neither
 * continues unauthenticated (and is refused with 401 unless its path is open); a token that matches no user is 401
 * at once.
 */
public final class RequestAuthentication implements ServerAuthenticationConverter, ReactiveAuthenticationManager {

    private final TokenAuthenticator tokens;
    private final boolean clientCertificates;

    public RequestAuthentication(TokenAuthenticator tokens, boolean clientCertificates) {
        this.tokens = tokens;
        this.clientCertificates = clientCertificates;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        if (clientCertificates) {
            UserInfo fromCertificate = certificateUser(exchange.getRequest().getSslInfo());
            if (fromCertificate != null) {
                return Mono.just(new KubernetesAuthentication(fromCertificate));
            }
        }
        String token = bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return token == null ? Mono.empty() : Mono.just(new KubernetesAuthentication.BearerToken(token));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (authentication instanceof KubernetesAuthentication) {
            return Mono.just(authentication);
        }
        String token = (String) authentication.getCredentials();
        return Mono.justOrEmpty(tokens == null ? null : tokens.authenticate(token).orElse(null))
            .<Authentication>map(KubernetesAuthentication::new)
            .switchIfEmpty(Mono.error(() -> new BadCredentialsException("invalid bearer token")));
    }

    /** The token of {@code Authorization: Bearer <token>} (scheme case-insensitive), as kube-apiserver reads it. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        String[] parts = value.split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** The user a verified client certificate names, or null without one. */
    static UserInfo certificateUser(SslInfo ssl) {
        if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
            return null;
        }
        X509Certificate certificate = ssl.getPeerCertificates()[0];
        String user = null;
        List<String> groups = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && user == null) {
                    user = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return user == null || user.isEmpty() ? null : UserInfo.authenticated(user, "", groups);
    }
}
