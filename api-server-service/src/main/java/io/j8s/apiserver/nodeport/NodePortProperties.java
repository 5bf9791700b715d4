package io.j8s.apiserver.nodeport;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code j8s.services.node-port-range}: where node ports are allocated from (default 30000-32767; a narrower
 * range keeps j8s clear of ports other software on the machine uses).
 */
@ConfigurationProperties(prefix = "j8s.services")
public record NodePortProperties(String nodePortRange) {

    public NodePortRange range() {
        return nodePortRange == null || nodePortRange.isBlank() ? NodePortRange.DEFAULT : NodePortRange.parse(nodePortRange);
    }
}
