package io.j8s.apiserver.event;

import io.j8s.testsupport.RedisServerProcess;
import io.j8s.common.json.Json;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.node.ObjectNode;

/** Shared bits of the event-storage integration tests. */
final class EventTestSupport {

    private EventTestSupport() {
    }

    /** A started Lettuce factory on the test server, with a short Lettuce command timeout. */
    static LettuceConnectionFactory connectionFactory(RedisServerProcess redis, Duration commandTimeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(commandTimeout)
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", redis.port()), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    static String key(String namespace, String name) {
        return "/registry/events/" + namespace + "/" + name;
    }

    static ObjectNode event(String namespace, String name, String reason) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("kind", "Pod");
        involved.put("namespace", namespace);
        involved.put("name", "pod-" + name);
        event.put("reason", reason);
        event.put("message", "something happened to " + name);
        event.put("type", "Normal");
        event.put("count", 1);
        return event;
    }

    static long rv(ObjectNode object) {
        return Long.parseLong(object.get("metadata").get("resourceVersion").asString());
    }

    static String name(ObjectNode object) {
        return object.get("metadata").get("name").asString();
    }
}
