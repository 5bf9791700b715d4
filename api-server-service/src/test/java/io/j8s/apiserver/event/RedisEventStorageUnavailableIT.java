package io.j8s.apiserver.event;

import static io.j8s.apiserver.event.EventTestSupport.event;
import static io.j8s.apiserver.event.EventTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;

/** With its Redis stopped, the store fails fast with Unavailable and recovers when Redis is back. */
class RedisEventStorageUnavailableIT {

    private RedisServerProcess redis;
    private LettuceConnectionFactory factory;
    private RedisEventStorage storage;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        factory = EventTestSupport.connectionFactory(redis, Duration.ofSeconds(10));
        storage = new RedisEventStorage(factory, EventStorageProperties.defaults()
                .withCommandTimeout(Duration.ofSeconds(2))
                .withWatchBlock(Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        factory.destroy();
        redis.close();
    }

    @Test
    void everyOperationAnswersUnavailableWhileRedisIsDownAndWorksAgainAfter() {
        storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        redis.stop();

        assertUnavailableQuickly(() -> storage.get(key("a", "e1")));
        assertUnavailableQuickly(() -> storage.create(key("a", "e2"), event("a", "e2", "R")));
        assertUnavailableQuickly(() -> storage.update(key("a", "e1"), event("a", "e1", "R"), 1));
        assertUnavailableQuickly(() -> storage.delete(key("a", "e1"), 1));
        assertUnavailableQuickly(() -> storage.list("/registry/events/", ListQuery.all()));
        assertUnavailableQuickly(() -> storage.currentRevision());
        assertUnavailableQuickly(() -> storage.watch("/registry/events/", 0).then());

        redis.restart(); // empty: no persistence
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                storage.create(key("a", "again"), event("a", "again", "R")).block();
                break;
            } catch (StorageException.Unavailable e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
        assertThat(storage.list("/registry/events/", ListQuery.all()).block().items()).hasSize(1);
    }

    @Test
    void anOpenWatchEndsWithUnavailableWhenRedisGoesAway() throws InterruptedException {
        long from = storage.currentRevision().block();
        try (WatchRecorder watch = WatchRecorder.record(storage.watch("/registry/events/", from))) {
            storage.create(key("a", "e1"), event("a", "e1", "R")).block();
            assertThat(watch.next(Duration.ofSeconds(5)).type()).isEqualTo(StorageEvent.Type.PUT);
            redis.stop();
            assertThat(watch.awaitError(Duration.ofSeconds(10))).isInstanceOf(StorageException.Unavailable.class);
        }
    }

    @Test
    void aStoreWhoseRedisNeverRanIsUnavailable() {
        redis.stop();
        LettuceConnectionFactory fresh = EventTestSupport.connectionFactory(redis, Duration.ofSeconds(10));
        try {
            RedisEventStorage neverConnected = new RedisEventStorage(fresh, EventStorageProperties.defaults()
                    .withCommandTimeout(Duration.ofSeconds(2)));
            long start = System.nanoTime();
            assertThatThrownBy(() -> neverConnected.get(key("a", "e1")).block())
                    .isInstanceOf(StorageException.Unavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        } finally {
            fresh.destroy();
        }
    }

    private static void assertUnavailableQuickly(Supplier<Mono<?>> operation) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> operation.get().block(Duration.ofSeconds(15)))
                .isInstanceOf(StorageException.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
}
