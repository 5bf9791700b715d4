package io.j8s.apiserver.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit log ({@code j8s.audit.*}).
 *
 * @param logPath file that gets one JSON line (an audit.k8s.io/v1 Event at level Metadata) per mutating request;
 *                {@code -} for standard output; empty: no audit log
 */
@ConfigurationProperties("j8s.audit")
public record AuditProperties(String logPath) {

    public AuditProperties {
        logPath = logPath == null || logPath.isBlank() ? null : logPath.strip();
    }
}
