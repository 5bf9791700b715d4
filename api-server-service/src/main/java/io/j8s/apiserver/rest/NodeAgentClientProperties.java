package io.j8s.apiserver.rest;

import io.j8s.common.client.BearerToken;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API server proves itself to node agents when it relays {@code pods/exec} ({@code j8s.node-agent-client.*},
 * kube-apiserver's {@code --kubelet-client-*}): a bearer token each agent is configured to expect
 * ({@code j8s.node-agent.exec.client-token}).
 *
 * @param token     the token; wins over {@code tokenFile}
 * @param tokenFile a file holding only the token
 */
@ConfigurationProperties("j8s.node-agent-client")
public record NodeAgentClientProperties(String token, String tokenFile) {

    public BearerToken bearerToken() {
        return new BearerToken(token, tokenFile, "node agent client");
    }
}
