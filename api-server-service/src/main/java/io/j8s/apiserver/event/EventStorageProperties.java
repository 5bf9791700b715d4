package io.j8s.apiserver.event;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Redis store for Kubernetes Events ({@code j8s.events.*}).
 *
 * @param ttl             how long an event lives after its last write (Kubernetes' {@code --event-ttl}), 1 h
 * @param streamMaxLength about how many changes the change log keeps for watches to replay ({@code XADD MAXLEN ~}),
 *                        10000; a watch from an older revision gets 410 Expired
 * @param keyPrefix       prefix of every Redis key this store writes, {@code j8s:events:}
 * @param commandTimeout  how long one Redis round trip may take before the store reports itself unavailable, 5 s
 * @param watchBlock      how long one {@code XREAD BLOCK} of a watch waits for new changes, 2 s; at most half the
 *                        Lettuce command timeout ({@code spring.data.redis.timeout}, 60 s unless set), which also
 *                        applies to blocking reads
 * @param watchBatchSize  how many change-log entries a watch reads at once, 500
 */
@ConfigurationProperties(prefix = "j8s.events")
public record EventStorageProperties(
        Duration ttl,
        Long streamMaxLength,
        String keyPrefix,
        Duration commandTimeout,
        Duration watchBlock,
        Integer watchBatchSize) {

    public EventStorageProperties {
        ttl = ttl == null ? Duration.ofHours(1) : ttl;
        streamMaxLength = streamMaxLength == null ? 10_000L : streamMaxLength;
        keyPrefix = keyPrefix == null ? "j8s:events:" : keyPrefix;
        commandTimeout = commandTimeout == null ? Duration.ofSeconds(5) : commandTimeout;
        watchBlock = watchBlock == null ? Duration.ofSeconds(2) : watchBlock;
        watchBatchSize = watchBatchSize == null ? 500 : watchBatchSize;
        if (ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("j8s.events.ttl must be positive, was " + ttl);
        }
        if (streamMaxLength < 1) {
            throw new IllegalArgumentException("j8s.events.stream-max-length must be positive, was " + streamMaxLength);
        }
        if (commandTimeout.toMillis() <= 0 || watchBlock.toMillis() <= 0) {
            throw new IllegalArgumentException("j8s.events.command-timeout and watch-block must be positive");
        }
        if (watchBatchSize < 1) {
            throw new IllegalArgumentException("j8s.events.watch-batch-size must be positive, was " + watchBatchSize);
        }
    }

    /** All defaults. */
    public static EventStorageProperties defaults() {
        return new EventStorageProperties(null, null, null, null, null, null);
    }

    public EventStorageProperties withTtl(Duration newTtl) {
        return new EventStorageProperties(newTtl, streamMaxLength, keyPrefix, commandTimeout, watchBlock, watchBatchSize);
    }

    public EventStorageProperties withStreamMaxLength(long max) {
        return new EventStorageProperties(ttl, max, keyPrefix, commandTimeout, watchBlock, watchBatchSize);
    }

    public EventStorageProperties withKeyPrefix(String prefix) {
        return new EventStorageProperties(ttl, streamMaxLength, prefix, commandTimeout, watchBlock, watchBatchSize);
    }

    public EventStorageProperties withCommandTimeout(Duration timeout) {
        return new EventStorageProperties(ttl, streamMaxLength, keyPrefix, timeout, watchBlock, watchBatchSize);
    }

    public EventStorageProperties withWatchBlock(Duration block) {
        return new EventStorageProperties(ttl, streamMaxLength, keyPrefix, commandTimeout, block, watchBatchSize);
    }
}
