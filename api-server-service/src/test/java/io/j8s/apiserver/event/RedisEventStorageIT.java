package io.j8s.apiserver.event;

import static io.j8s.apiserver.event.EventTestSupport.event;
import static io.j8s.apiserver.event.EventTestSupport.key;
import static io.j8s.apiserver.event.EventTestSupport.name;
import static io.j8s.apiserver.event.EventTestSupport.rv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.apiserver.storage.ListQuery;
import io.j8s.apiserver.storage.StorageEvent;
import io.j8s.apiserver.storage.StorageException;
import io.j8s.apiserver.storage.StoredList;
import io.j8s.testsupport.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** RedisEventStorage against a real redis-server started for this class. */
class RedisEventStorageIT {

    private static RedisServerProcess redis;
    private static LettuceConnectionFactory factory;
    private static ReactiveStringRedisTemplate raw;

    private RedisEventStorage storage;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        factory = EventTestSupport.connectionFactory(redis, Duration.ofSeconds(10));
        raw = new ReactiveStringRedisTemplate(factory);
    }

    @AfterAll
    static void stopRedis() {
        if (factory != null) {
            factory.destroy();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void clean() {
        redis.flushAll();
        storage = new RedisEventStorage(factory, EventStorageProperties.defaults());
    }

    // ------------------------------------------------------------ create / get

    @Test
    void createThenGetReturnsTheObjectWithItsRevision() {
        ObjectNode input = event("default", "e1", "Scheduled");
        input.withObject("metadata").put("resourceVersion", "999"); // ignored by the store
        ObjectNode created = storage.create(key("default", "e1"), input).block();

        assertThat(rv(created)).isEqualTo(1);
        assertThat(created.get("reason").asString()).isEqualTo("Scheduled");
        assertThat(input.get("metadata").get("resourceVersion").asString()).as("input untouched").isEqualTo("999");

        ObjectNode read = storage.get(key("default", "e1")).block();
        assertThat(read).isEqualTo(created);
        assertThat(storage.currentRevision().block()).isEqualTo(1L);

        // stored as a string with a TTL of about an hour, without resourceVersion
        String value = raw.opsForValue().get("j8s:events:" + key("default", "e1")).block();
        assertThat(value).startsWith("{\"rev\":1,\"object\":").doesNotContain("resourceVersion");
        Duration ttl = raw.getExpire("j8s:events:" + key("default", "e1")).block();
        assertThat(ttl).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    @Test
    void getOfAMissingKeyIsNotFound() {
        assertThatThrownBy(() -> storage.get(key("default", "nope")).block())
                .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void createOfAnExistingKeyIsAlreadyExistsAndChangesNothing() {
        ObjectNode first = storage.create(key("default", "e1"), event("default", "e1", "First")).block();

        assertThatThrownBy(() -> storage.create(key("default", "e1"), event("default", "e1", "Second")).block())
                .isInstanceOf(StorageException.AlreadyExists.class);

        assertThat(storage.get(key("default", "e1")).block()).isEqualTo(first);
        assertThat(storage.currentRevision().block()).isEqualTo(rv(first));
    }

    // ------------------------------------------------------------ list

    @Test
    void listsPerNamespaceAndAcrossNamespacesInKeyOrder() {
        storage.create(key("b", "z"), event("b", "z", "R")).block();
        storage.create(key("a", "y"), event("a", "y", "R")).block();
        storage.create(key("a", "x"), event("a", "x", "R")).block();
        storage.create(key("ab", "w"), event("ab", "w", "R")).block(); // must not show under "a/"
        long revision = storage.currentRevision().block();

        StoredList inA = storage.list("/registry/events/a/", ListQuery.all()).block();
        assertThat(inA.items()).extracting(EventTestSupport::name).containsExactly("x", "y");
        assertThat(inA.revision()).isEqualTo(revision);
        assertThat(inA.nextKey()).isNull();
        assertThat(inA.items()).allSatisfy(o -> assertThat(rv(o)).isPositive());

        StoredList all = storage.list("/registry/events/", ListQuery.all()).block();
        assertThat(all.items()).extracting(o -> o.get("metadata").get("namespace").asString() + "/" + name(o))
                .containsExactly("a/x", "a/y", "ab/w", "b/z");
        assertThat(all.revision()).isEqualTo(revision);

        StoredList none = storage.list("/registry/events/empty/", ListQuery.all()).block();
        assertThat(none.items()).isEmpty();
        assertThat(none.revision()).isEqualTo(revision);
    }

    @Test
    void listAppliesTheFilter() {
        storage.create(key("a", "e1"), event("a", "e1", "Pulled")).block();
        storage.create(key("a", "e2"), event("a", "e2", "Failed")).block();
        storage.create(key("a", "e3"), event("a", "e3", "Pulled")).block();

        StoredList pulled = storage.list("/registry/events/", new ListQuery(0, 0, null,
                o -> o.get("reason").asString().equals("Pulled"))).block();

        assertThat(pulled.items()).extracting(EventTestSupport::name).containsExactly("e1", "e3");
    }

    @Test
    void limitAndContinueWalkThroughPages() {
        for (int i = 1; i <= 5; i++) {
            storage.create(key("a", "e" + i), event("a", "e" + i, "R")).block();
        }
        storage.create(key("b", "e0"), event("b", "e0", "R")).block();

        StoredList page1 = storage.list("/registry/events/a/", new ListQuery(0, 2, null, null)).block();
        assertThat(page1.items()).extracting(EventTestSupport::name).containsExactly("e1", "e2");
        assertThat(page1.nextKey()).isEqualTo(key("a", "e2"));

        StoredList page2 = storage.list("/registry/events/a/", new ListQuery(page1.revision(), 2, page1.nextKey(), null))
                .block();
        assertThat(page2.items()).extracting(EventTestSupport::name).containsExactly("e3", "e4");
        assertThat(page2.nextKey()).isEqualTo(key("a", "e4"));

        StoredList page3 = storage.list("/registry/events/a/", new ListQuery(page1.revision(), 2, page2.nextKey(), null))
                .block();
        assertThat(page3.items()).extracting(EventTestSupport::name).containsExactly("e5");
        assertThat(page3.nextKey()).isNull();

        // exactly at the limit: no next page
        StoredList exact = storage.list("/registry/events/a/", new ListQuery(0, 5, null, null)).block();
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.nextKey()).isNull();

        // with a filter, the cut counts matching items only, and trailing non-matching keys give no next page
        StoredList odd = storage.list("/registry/events/", new ListQuery(0, 2, null,
                o -> Integer.parseInt(name(o).substring(1)) % 2 == 1)).block();
        assertThat(odd.items()).extracting(EventTestSupport::name).containsExactly("e1", "e3");
        assertThat(odd.nextKey()).isEqualTo(key("a", "e3"));
        StoredList oddRest = storage.list("/registry/events/", new ListQuery(0, 2, odd.nextKey(),
                o -> Integer.parseInt(name(o).substring(1)) % 2 == 1)).block();
        assertThat(oddRest.items()).extracting(EventTestSupport::name).containsExactly("e5");
        assertThat(oddRest.nextKey()).isNull();
    }

    @Test
    void listWalksMoreThanOneChunk() {
        List<Mono<ObjectNode>> creates = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            String name = String.format("e%05d", i);
            creates.add(storage.create(key("many", name), event("many", name, "R")));
        }
        Flux.merge(creates).blockLast();

        StoredList all = storage.list("/registry/events/many/", ListQuery.all()).block();
        assertThat(all.items()).hasSize(1234);
        assertThat(all.items().get(1233).get("metadata").get("name").asString()).isEqualTo("e01233");

        StoredList page = storage.list("/registry/events/many/", new ListQuery(0, 700, key("many", "e00100"), null))
                .block();
        assertThat(page.items()).hasSize(700);
        assertThat(name(page.items().get(0))).isEqualTo("e00101");
        assertThat(page.nextKey()).isEqualTo(key("many", "e00800"));
    }

    // ------------------------------------------------------------ update / delete

    @Test
    void updateIsCompareAndSetOnTheRevision() {
        ObjectNode created = storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        ObjectNode changed = created.deepCopy();
        changed.put("count", 2);
        ObjectNode updated = storage.update(key("a", "e1"), changed, rv(created)).block();
        assertThat(rv(updated)).isGreaterThan(rv(created));
        assertThat(updated.get("count").asInt()).isEqualTo(2);

        // a writer still holding the first revision loses and changes nothing
        ObjectNode stale = created.deepCopy();
        stale.put("count", 99);
        assertThatThrownBy(() -> storage.update(key("a", "e1"), stale, rv(created)).block())
                .isInstanceOf(StorageException.Conflict.class);
        assertThat(storage.get(key("a", "e1")).block()).isEqualTo(updated);
        assertThat(storage.currentRevision().block()).isEqualTo(rv(updated));

        // 0 = unconditional
        ObjectNode forced = storage.update(key("a", "e1"), stale, 0).block();
        assertThat(forced.get("count").asInt()).isEqualTo(99);

        assertThatThrownBy(() -> storage.update(key("a", "missing"), stale, 1).block())
                .isInstanceOf(StorageException.NotFound.class);
    }

    @Test
    void concurrentWritersWithRetryLoseNoUpdate() {
        storage.create(key("a", "counter"), event("a", "counter", "R")).block();
        int writers = 8;
        int increments = 25;
        Flux.range(0, writers)
                .flatMap(w -> Flux.range(0, increments).concatMap(i -> increment(key("a", "counter"))), writers)
                .blockLast(Duration.ofSeconds(60));
        assertThat(storage.get(key("a", "counter")).block().get("count").asInt()).isEqualTo(1 + writers * increments);
    }

    private Mono<ObjectNode> increment(String key) {
        return Mono.defer(() -> storage.get(key).flatMap(current -> {
                    ObjectNode next = current.deepCopy();
                    next.put("count", current.get("count").asInt() + 1);
                    return storage.update(key, next, rv(current));
                }))
                .retry(1000);
    }

    @Test
    void deleteIsCompareAndSetAndRemovesFromGetAndList() {
        ObjectNode created = storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        storage.create(key("a", "e2"), event("a", "e2", "R")).block();

        assertThatThrownBy(() -> storage.delete(key("a", "e1"), rv(created) + 100).block())
                .isInstanceOf(StorageException.Conflict.class);
        assertThat(storage.get(key("a", "e1")).block()).isEqualTo(created);

        ObjectNode deleted = storage.delete(key("a", "e1"), rv(created)).block();
        assertThat(deleted).isEqualTo(created);

        assertThatThrownBy(() -> storage.get(key("a", "e1")).block()).isInstanceOf(StorageException.NotFound.class);
        assertThat(storage.list("/registry/events/a/", ListQuery.all()).block().items())
                .extracting(EventTestSupport::name).containsExactly("e2");
        assertThatThrownBy(() -> storage.delete(key("a", "e1"), 0).block())
                .isInstanceOf(StorageException.NotFound.class);
        assertThat(raw.opsForZSet().size("j8s:events:index").block()).isEqualTo(1L);

        // the key can be created again
        assertThat(rv(storage.create(key("a", "e1"), event("a", "e1", "R")).block())).isGreaterThan(rv(deleted));
    }

    // ------------------------------------------------------------ TTL

    @Test
    void eventsVanishWhenTheirTtlRunsOut() throws InterruptedException {
        RedisEventStorage shortLived = new RedisEventStorage(factory,
                EventStorageProperties.defaults().withTtl(Duration.ofMillis(2000)));
        ObjectNode created = shortLived.create(key("a", "old"), event("a", "old", "R")).block();
        shortLived.create(key("b", "old"), event("b", "old", "R")).block();
        assertThat(shortLived.get(key("a", "old")).block()).isEqualTo(created);
        assertThat(shortLived.list("/registry/events/", ListQuery.all()).block().items()).hasSize(2);

        // an update renews the TTL
        Thread.sleep(1200);
        shortLived.update(key("b", "old"), created.deepCopy().put("count", 5), 0).block();
        Thread.sleep(1200);

        assertThatThrownBy(() -> shortLived.get(key("a", "old")).block())
                .isInstanceOf(StorageException.NotFound.class);
        assertThat(shortLived.list("/registry/events/", ListQuery.all()).block().items())
                .extracting(o -> o.get("count").asInt()).containsExactly(5);
        assertThat(shortLived.list("/registry/events/a/", ListQuery.all()).block().items()).isEmpty();

        // the next write drops the expired key's index entries
        shortLived.create(key("c", "new"), event("c", "new", "R")).block();
        assertThat(raw.opsForZSet().rangeByLex("j8s:events:index",
                org.springframework.data.domain.Range.unbounded()).collectList().block())
                .containsExactly(key("b", "old"), key("c", "new"));
        // and it can be created again
        shortLived.create(key("a", "old"), event("a", "old", "R")).block();
    }

    // ------------------------------------------------------------ watch

    @Test
    void watchFromARevisionReplaysExactlyTheLaterChangesInOrder() throws InterruptedException {
        ObjectNode a1 = storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        ObjectNode a1v2 = storage.update(key("a", "e1"), a1.deepCopy().put("count", 2), rv(a1)).block();
        ObjectNode b1 = storage.create(key("b", "e1"), event("b", "e1", "R")).block();
        ObjectNode a2 = storage.create(key("a", "e2"), event("a", "e2", "R")).block();
        storage.delete(key("a", "e1"), rv(a1v2)).block();
        long deleteRevision = storage.currentRevision().block();
        assertThat(rv(b1)).isEqualTo(3);

        try (WatchRecorder watch = WatchRecorder.record(storage.watch("/registry/events/a/", rv(a1)))) {
            StorageEvent update = watch.next(SECONDS_5);
            assertThat(update.type()).isEqualTo(StorageEvent.Type.PUT);
            assertThat(update.isCreate()).isFalse();
            assertThat(update.object()).isEqualTo(a1v2);
            assertThat(update.previous()).isEqualTo(a1);
            assertThat(update.revision()).isEqualTo(rv(a1v2));

            StorageEvent create = watch.next(SECONDS_5);
            assertThat(create.isCreate()).isTrue();
            assertThat(create.object()).isEqualTo(a2);
            assertThat(create.revision()).isEqualTo(rv(a2));

            StorageEvent delete = watch.next(SECONDS_5);
            assertThat(delete.type()).isEqualTo(StorageEvent.Type.DELETE);
            assertThat(delete.object()).isNull();
            assertThat(delete.revision()).isEqualTo(deleteRevision);
            assertThat(name(delete.previous())).isEqualTo("e1");
            assertThat(delete.previous().get("count").asInt()).isEqualTo(2);
            assertThat(rv(delete.previous())).isEqualTo(deleteRevision);

            watch.expectNothingFor(Duration.ofMillis(500));
        }

        // all namespaces, from 0: everything
        assertThat(storage.watch("/registry/events/", 0).map(StorageEvent::revision).take(5)
                .collectList().block(SECONDS_5)).containsExactly(1L, 2L, 3L, 4L, 5L);

        // from the latest revision: nothing yet
        try (WatchRecorder watch = WatchRecorder.record(storage.watch("/registry/events/", deleteRevision))) {
            watch.expectNothingFor(Duration.ofMillis(300));
        }
    }

    @Test
    void liveWatchSeesNewChanges() throws InterruptedException {
        long from = storage.currentRevision().block();
        try (WatchRecorder watch = WatchRecorder.record(storage.watch("/registry/events/a/", from))) {
            watch.expectNothingFor(Duration.ofMillis(200));
            storage.create(key("b", "other"), event("b", "other", "R")).block();
            storage.create(key("a", "new"), event("a", "new", "Created")).block();

            StorageEvent created = watch.next(SECONDS_5);
            assertThat(created.isCreate()).isTrue();
            assertThat(name(created.object())).isEqualTo("new");
            assertThat(created.revision()).isEqualTo(from + 2);

            // a change after an idle XREAD BLOCK round (watch-block is 2 s) still arrives
            watch.expectNothingFor(Duration.ofMillis(2500));
            storage.delete(key("a", "new"), 0).block();
            assertThat(watch.next(SECONDS_5).type()).isEqualTo(StorageEvent.Type.DELETE);
        }
    }

    @Test
    void cancellingAWatchReleasesItsConnection() throws InterruptedException {
        long before = connectedClients();
        List<WatchRecorder> watches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            watches.add(WatchRecorder.record(storage.watch("/registry/events/", 0)));
        }
        storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        for (WatchRecorder watch : watches) {
            watch.next(SECONDS_5);
        }
        assertThat(connectedClients()).isEqualTo(before + 5); // one dedicated connection per open watch
        watches.forEach(WatchRecorder::close);
        long deadline = System.nanoTime() + SECONDS_5.toNanos();
        while (connectedClients() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(connectedClients()).isEqualTo(before);
    }

    private static long connectedClients() {
        String info = raw.execute(c -> c.serverCommands().info("clients")).blockFirst().getProperty("connected_clients");
        return Long.parseLong(info.trim());
    }

    @Test
    void manyConcurrentWatchersEachSeeEveryChange() {
        long from = storage.currentRevision().block();
        List<Flux<Long>> watches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Flux<Long> watch = storage.watch("/registry/events/", from).map(StorageEvent::revision).take(50).cache();
            watch.subscribe();
            watches.add(watch);
        }
        Flux.range(0, 50).concatMap(i -> storage.create(key("a", "e" + i), event("a", "e" + i, "R"))).blockLast();
        for (Flux<Long> watch : watches) {
            assertThat(watch.collectList().block(Duration.ofSeconds(20))).hasSize(50).isSorted();
        }
    }

    @Test
    void watchFromATrimmedRevisionIsExpired() {
        RedisEventStorage small = new RedisEventStorage(factory,
                EventStorageProperties.defaults().withStreamMaxLength(10));
        Flux.range(0, 400).concatMap(i -> small.create(key("a", "e" + i), event("a", "e" + i, "R"))).blockLast();
        long oldest = RedisEventStorage.revisionOfId(
                raw.opsForStream().range("j8s:events:changes", org.springframework.data.domain.Range.unbounded())
                        .blockFirst().getId().getValue());
        assertThat(oldest).as("MAXLEN ~ trimmed the log").isGreaterThan(1);

        assertThatThrownBy(() -> small.watch("/registry/events/", 1).blockFirst(SECONDS_5))
                .isInstanceOfSatisfying(StorageException.Expired.class,
                        e -> assertThat(e.compactedRevision()).isEqualTo(oldest - 1));

        // from the oldest kept revision - 1 the replay works
        assertThat(small.watch("/registry/events/", oldest - 1).blockFirst(SECONDS_5).revision()).isEqualTo(oldest);
    }

    @Test
    void watchEndsWithExpiredWhenRedisLostItsData() throws InterruptedException {
        storage.create(key("a", "e1"), event("a", "e1", "R")).block();
        storage.create(key("a", "e2"), event("a", "e2", "R")).block();
        long from = storage.currentRevision().block();
        RedisEventStorage fast = new RedisEventStorage(factory,
                EventStorageProperties.defaults().withWatchBlock(Duration.ofMillis(200)));

        try (WatchRecorder watch = WatchRecorder.record(fast.watch("/registry/events/", from))) {
            watch.expectNothingFor(Duration.ofMillis(300));
            redis.flushAll();
            assertThat(watch.awaitError(SECONDS_5)).isInstanceOf(StorageException.Expired.class);
        }
    }

    private static final Duration SECONDS_5 = Duration.ofSeconds(5);
}
