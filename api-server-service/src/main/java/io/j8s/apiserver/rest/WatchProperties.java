package io.j8s.apiserver.rest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Watch tuning: how often BOOKMARK events are sent to clients that allow them, and the shortest time a watch
 * stays open when the client sets no {@code timeoutSeconds} (each watch picks between it and twice it).
 */
@ConfigurationProperties(prefix = "j8s.watch")
public record WatchProperties(Duration bookmarkInterval, Duration minTimeout) {

    public WatchProperties {
        bookmarkInterval = bookmarkInterval == null ? Duration.ofMinutes(1) : bookmarkInterval;
        minTimeout = minTimeout == null ? Duration.ofMinutes(30) : minTimeout;
    }
}
