package io.j8s.nodeagent.exec;

import io.j8s.common.client.BearerToken;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may run commands in this node's containers ({@code j8s.node-agent.exec.*}): the caller must present the
 * bearer token the API server uses towards node agents (its {@code j8s.node-agent-client.token}), as the kubelet
 * accepts only the API server's client credentials. Without a token configured, exec is refused: an open exec port
 * would let anyone who reaches it run anything in every container.
 *
 * @param clientToken     the token; wins over {@code clientTokenFile}
 * @param clientTokenFile a file holding only the token
 */
@ConfigurationProperties("j8s.node-agent.exec")
public record ExecProperties(String clientToken, String clientTokenFile) {

    public BearerToken token() {
        return new BearerToken(clientToken, clientTokenFile, "node agent exec client");
    }
}
