package io.j8s.common.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a component proves who it is to the API server and knows it talks to the real one ({@code j8s.api-server.*},
 * next to {@code j8s.api-server-url}): the CA that signed the API server's serving certificate, and the
 * component's own bearer token, given directly or as a file that holds only the token (as a mounted Secret does).
 *
 * @param caFile    PEM file of the CA (or CAs) to trust for {@code https://} URLs; empty: the JVM's trust store
 * @param token     the bearer token; wins over {@code tokenFile}
 * @param tokenFile a file whose content (trimmed) is the bearer token
 */
@ConfigurationProperties("j8s.api-server")
public record ApiServerCredentials(String caFile, String token, String tokenFile) {

    public static final ApiServerCredentials NONE = new ApiServerCredentials(null, null, null);

    public ApiServerCredentials {
        caFile = blankToNull(caFile);
        token = blankToNull(token);
        tokenFile = blankToNull(tokenFile);
    }

    /** Credentials with only a token (tests, tools). */
    public static ApiServerCredentials of(String caFile, String token) {
        return new ApiServerCredentials(caFile, token, null);
    }

    /** The bearer token to send, or null when none is configured. Reads {@code tokenFile} on every call. */
    public String bearerToken() {
        return new BearerToken(token, tokenFile, "API server").value();
    }

    private static String blankToNull(String value) {
        return BearerToken.blankToNull(value);
    }
}
