package io.j8s.apiserver.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security's view of an authenticated Kubernetes user: the principal is the {@link UserInfo}; groups double as
 * authorities only for display, decisions are made by the Kubernetes authorizers.
 */
public final class KubernetesAuthentication extends AbstractAuthenticationToken {

    private final UserInfo user;
    private final UserInfo impersonator;

    public KubernetesAuthentication(UserInfo user) {
        this(user, null);
    }

    /** {@code user}, as {@code impersonator} (who authenticated and was allowed to impersonate) asked to act. */
    public KubernetesAuthentication(UserInfo user, UserInfo impersonator) {
        super(user.groups().stream().filter(g -> !g.isEmpty()).map(SimpleGrantedAuthority::new).toList());
        this.user = user;
        this.impersonator = impersonator;
        setAuthenticated(true);
    }

    /** Who the request acts as: the authenticated user, or the one it impersonates. */
    public UserInfo user() {
        return user;
    }

    /** Who authenticated when the request impersonates someone else; null otherwise. */
    public UserInfo impersonator() {
        return impersonator;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.name();
    }

    /** A bearer token not checked yet: what the converter hands the authentication manager. */
    static final class BearerToken extends AbstractAuthenticationToken {

        private final String token;

        BearerToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "";
        }
    }
}
