package io.j8s.apiserver.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The configuration exposes one RedisEventStorage bean bound to j8s.events.* (no Redis needed). */
class EventStorageConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EventStorageConfiguration.class)
            .withBean(ReactiveRedisConnectionFactory.class, LettuceConnectionFactory::new);

    @Test
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RedisEventStorage.class);
            assertThat(context).hasBean("redisEventStorage");
            EventStorageProperties p = context.getBean(RedisEventStorage.class).properties();
            assertThat(p.ttl()).isEqualTo(Duration.ofHours(1));
            assertThat(p.streamMaxLength()).isEqualTo(10_000L);
        });
    }

    @Test
    void bindsProperties() {
        runner.withPropertyValues("j8s.events.ttl=30m", "j8s.events.stream-max-length=500",
                        "j8s.events.key-prefix=test:", "j8s.events.command-timeout=3s")
                .run(context -> {
                    EventStorageProperties p = context.getBean(RedisEventStorage.class).properties();
                    assertThat(p.ttl()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(p.streamMaxLength()).isEqualTo(500L);
                    assertThat(p.keyPrefix()).isEqualTo("test:");
                    assertThat(p.commandTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(p.watchBlock()).isEqualTo(Duration.ofSeconds(2));
                });
    }
}
