package io.j8s.apiserver.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.storage.StorageException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The pure parts of RedisEventStorage: key ranges, stream IDs, error mapping, property defaults. */
class RedisEventStorageTest {

    @Test
    void rangeEndIsThePrefixWithItsLastCharacterIncremented() {
        assertThat(RedisEventStorage.rangeEnd("/registry/events/")).isEqualTo("/registry/events0");
        assertThat(RedisEventStorage.rangeEnd("/registry/events/default/")).isEqualTo("/registry/events/default0");
        assertThat(RedisEventStorage.rangeEnd("")).isNull();
    }

    @Test
    void streamIdsCarryTheRevision() {
        assertThat(RedisEventStorage.revisionOfId("42-0")).isEqualTo(42);
        assertThat(RedisEventStorage.revisionOfId("7")).isEqualTo(7);
    }

    @Test
    void connectionFailuresAndTimeoutsBecomeUnavailable() {
        RedisEventStorage storage = new RedisEventStorage(new LettuceConnectionFactory(),
                EventStorageProperties.defaults());
        assertThat(storage.translate(new RedisConnectionFailureException("refused")))
                .isInstanceOf(StorageException.Unavailable.class);
        assertThat(storage.translate(new RedisSystemException("x",
                new io.lettuce.core.RedisCommandTimeoutException("timeout"))))
                .isInstanceOf(StorageException.Unavailable.class);
        assertThat(storage.translate(new RedisSystemException("x",
                new io.lettuce.core.RedisCommandExecutionException("LOADING Redis is loading"))))
                .isInstanceOf(StorageException.Unavailable.class);
        // a Redis that cannot write its snapshot refuses writes: an outage (503), not a bug (500)
        assertThat(storage.translate(new RedisSystemException("x", new io.lettuce.core.RedisCommandExecutionException(
                "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk."))))
                .isInstanceOf(StorageException.Unavailable.class);
        RuntimeException scriptBug = new RedisSystemException("x",
                new io.lettuce.core.RedisCommandExecutionException("ERR user_script:1: oops"));
        assertThat(storage.translate(scriptBug)).isSameAs(scriptBug);
        StorageException.NotFound notFound = new StorageException.NotFound("k");
        assertThat(storage.translate(notFound)).isSameAs(notFound);
    }

    @Test
    void watchBlockStaysBelowTheLettuceCommandTimeout() {
        LettuceConnectionFactory oneSecond = new LettuceConnectionFactory(new RedisStandaloneConfiguration(),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
        assertThat(new RedisEventStorage(oneSecond, EventStorageProperties.defaults()).effectiveWatchBlock())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(new RedisEventStorage(new LettuceConnectionFactory(), EventStorageProperties.defaults())
                .effectiveWatchBlock()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void propertiesHaveDefaults() {
        EventStorageProperties p = EventStorageProperties.defaults();
        assertThat(p.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(p.streamMaxLength()).isEqualTo(10_000L);
        assertThat(p.keyPrefix()).isEqualTo("j8s:events:");
        assertThat(p.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.watchBlock()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.watchBatchSize()).isEqualTo(500);
    }
}
