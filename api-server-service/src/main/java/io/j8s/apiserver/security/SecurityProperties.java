package io.j8s.apiserver.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API server secures its port ({@code j8s.security.*}). By default it serves HTTPS only and every request
 * but health, {@code /version} and Swagger UI must authenticate with a bearer token from the token file (or a
 * client certificate signed by the client CA) and be allowed by RBAC.
 *
 * @param insecure       development only: plain HTTP, no authentication, every request acts as
 *                       {@code system:unsecured} in {@code system:masters}. Never on a shared machine.
 * @param tls            the serving certificate, and the CA of client certificates
 * @param authentication where tokens come from
 */
@ConfigurationProperties("j8s.security")
public record SecurityProperties(boolean insecure, Tls tls, Authentication authentication) {

    public SecurityProperties {
        tls = tls == null ? new Tls(null, null, null) : tls;
        authentication = authentication == null ? new Authentication(null, null) : authentication;
    }

    /**
     * @param certFile     PEM serving certificate (with its chain), e.g. {@code .j8s/pki/apiserver.crt}
     * @param keyFile      PEM private key of the serving certificate
     * @param clientCaFile PEM CA bundle: clients presenting a certificate it signed authenticate as the
     *                     certificate's CN (user) with its O values as groups; empty: no client certificates
     */
    public record Tls(String certFile, String keyFile, String clientCaFile) {

        public Tls {
            certFile = blankToNull(certFile);
            keyFile = blankToNull(keyFile);
            clientCaFile = blankToNull(clientCaFile);
        }
    }

    /**
     * @param tokenAuthFile  kube-apiserver's token file: {@code token,user,uid,"group1,group2"} per line
     * @param reloadInterval how often the token file is checked for changes (tokens added or revoked without a
     *                       restart); default 5 s
     */
    public record Authentication(String tokenAuthFile, Duration reloadInterval) {

        public Authentication {
            tokenAuthFile = blankToNull(tokenAuthFile);
            reloadInterval = reloadInterval == null ? Duration.ofSeconds(5) : reloadInterval;
        }
    }

    /** Refuses to start half-secured: without the switch, the certificate, its key and the token file are needed. */
    public void validate() {
        if (insecure) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        if (tls.certFile() == null) {
            missing.append(" j8s.security.tls.cert-file");
        }
        if (tls.keyFile() == null) {
            missing.append(" j8s.security.tls.key-file");
        }
        if (authentication.tokenAuthFile() == null && tls.clientCaFile() == null) {
            missing.append(" j8s.security.authentication.token-auth-file (or j8s.security.tls.client-ca-file)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the API server serves HTTPS with authentication and needs:" + missing
                + ". For development only, --j8s.security.insecure=true serves plain HTTP without authentication.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
