package io.j8s.apiserver.event;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Wires the Redis store for Events on Spring Boot's auto-configured Lettuce connection factory
 * ({@code spring.data.redis.host/port/timeout}); its own settings are {@code j8s.events.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStorageProperties.class)
public class EventStorageConfiguration {

    @Bean
    RedisEventStorage redisEventStorage(ReactiveRedisConnectionFactory redisConnectionFactory,
                                        EventStorageProperties properties) {
        return new RedisEventStorage(redisConnectionFactory, properties);
    }
}
