package io.j8s.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.json.Json;
import io.j8s.testsupport.Await;
import io.j8s.testsupport.EtcdServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import tools.jackson.databind.node.ObjectNode;

/** The watch cache against a real etcd: one etcd watch shared by many watchers, replays, fallbacks, slow watchers. */
class WatchCacheIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static EtcdStorage etcd;

    @BeforeAll
    static void connect() {
        etcd = new EtcdStorage(new EtcdProperties(List.of(EtcdServerProcess.shared().endpoint()), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        etcd.close();
    }

    @Test
    void everyWatcherSeesEveryChangeInOrderWithPreviousStates() {
        String prefix = prefix();
        try (WatchCache cache = started(prefix, 100)) {
            long from = cache.revision();
            Flux<StorageEvent> all = cache.watch(prefix, from).orElseThrow();
            Flux<StorageEvent> onlyNs = cache.watch(prefix + "ns1/", from).orElseThrow();
            List<StorageEvent> seenByAll = new CopyOnWriteArrayList<>();
            List<StorageEvent> seenByNs = new CopyOnWriteArrayList<>();
            Disposable a = all.filter(WatchCacheIT::isChange).subscribe(seenByAll::add);
            Disposable b = onlyNs.filter(WatchCacheIT::isChange).subscribe(seenByNs::add);
            try {
                ObjectNode x = etcd.create(prefix + "ns1/x", object("x", 1)).block(TIMEOUT);
                etcd.create(prefix + "ns2/y", object("y", 1)).block(TIMEOUT);
                etcd.update(prefix + "ns1/x", object("x", 2), revision(x)).block(TIMEOUT);
                ObjectNode x2 = etcd.get(prefix + "ns1/x").block(TIMEOUT);
                etcd.delete(prefix + "ns1/x", revision(x2)).block(TIMEOUT);

                Await.until("both watchers see their changes", TIMEOUT, () -> seenByAll.size() == 4 && seenByNs.size() == 3);
                assertThat(seenByAll).extracting(e -> e.type() + " " + name(e))
                    .containsExactly("PUT x", "PUT y", "PUT x", "DELETE x");
                assertThat(seenByNs).extracting(e -> e.type() + " " + name(e)).containsExactly("PUT x", "PUT x", "DELETE x");
                // The very same event objects reach both watchers: decoded once.
                assertThat(seenByNs.get(0)).isSameAs(seenByAll.get(0));
                assertThat(seenByAll.get(0).isCreate()).isTrue();
                assertThat(seenByAll.get(2).previous().path("v").asInt()).isEqualTo(1);
                assertThat(seenByAll.get(2).object().path("v").asInt()).isEqualTo(2);
                assertThat(revision(seenByAll.get(2).object())).isEqualTo(revision(x2));
                // A deleted object carries the deletion's revision, as Kubernetes reports it.
                assertThat(revision(seenByAll.get(3).previous())).isEqualTo(seenByAll.get(3).revision());
                assertThat(seenByAll.get(3).previous().path("v").asInt()).isEqualTo(2);
            } finally {
                a.dispose();
                b.dispose();
            }
        }
    }

    @Test
    void aWatchFromARecentRevisionIsReplayedFromTheWindowAndAnOlderOneIsLeftToEtcd() {
        String prefix = prefix();
        try (WatchCache cache = started(prefix, 3)) {
            long[] revisions = new long[6];
            for (int i = 0; i < 6; i++) {
                revisions[i] = revision(etcd.create(prefix + "o" + i, object("o" + i, i)).block(TIMEOUT));
            }
            Await.until("the cache is current", TIMEOUT, () -> cache.revision() >= revisions[5]);

            List<StorageEvent> replayed = cache.watch(prefix, revisions[3]).orElseThrow()
                .filter(WatchCacheIT::isChange).take(2).collectList().block(TIMEOUT);
            assertThat(replayed).extracting(WatchCacheIT::name).containsExactly("o4", "o5");

            // Three changes are kept: o3..o5. From o1 on, o2 is missing, so etcd must answer.
            assertThat(cache.watch(prefix, revisions[1])).isEmpty();
            assertThat(cache.watch(prefix, revisions[2])).isPresent();
        }
    }

    @Test
    void getAnswersFromTheCacheWithTheStoredRevision() {
        String prefix = prefix();
        try (WatchCache cache = started(prefix, 10)) {
            ObjectNode created = etcd.create(prefix + "g", object("g", 7)).block(TIMEOUT);
            Await.until("the cache has g", TIMEOUT, () -> cache.get(prefix + "g").isPresent());
            ObjectNode cached = cache.get(prefix + "g").orElseThrow();
            assertThat(cached).isEqualTo(created);
            cached.put("v", 99); // a private copy: changing it changes nothing in the cache
            assertThat(cache.get(prefix + "g").orElseThrow().path("v").asInt()).isEqualTo(7);
            assertThat(cache.get(prefix + "missing")).isEmpty();
        }
    }

    @Test
    void aWatcherThatFallsTooFarBehindIsEndedAsExpiredWhileOthersGoOn() {
        String prefix = prefix();
        try (WatchCache cache = new WatchCache(prefix, etcd, 100, 8)) {
            cache.start();
            Await.until("the cache is loaded", TIMEOUT, cache::isReady);
            long from = cache.revision();
            List<StorageEvent> slowSaw = new CopyOnWriteArrayList<>();
            List<Throwable> slowEnded = new CopyOnWriteArrayList<>();
            // Subscribed, but asking for nothing yet: every change piles up in its buffer of 8.
            BaseSubscriber<StorageEvent> slow = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                }

                @Override
                protected void hookOnNext(StorageEvent event) {
                    slowSaw.add(event);
                }

                @Override
                protected void hookOnError(Throwable error) {
                    slowEnded.add(error);
                }
            };
            cache.watch(prefix, from).orElseThrow().subscribe(slow);
            List<StorageEvent> fastSaw = new CopyOnWriteArrayList<>();
            Disposable fast = cache.watch(prefix, from).orElseThrow().filter(WatchCacheIT::isChange)
                .subscribe(fastSaw::add);
            try {
                for (int i = 0; i < 20; i++) {
                    etcd.create(prefix + "s" + i, object("s" + i, i)).block(TIMEOUT);
                }
                Await.until("the fast watcher sees all 20", TIMEOUT, () -> fastSaw.size() == 20);
                slow.request(Long.MAX_VALUE);
                Await.until("the slow watcher is ended", TIMEOUT, () -> !slowEnded.isEmpty());
                assertThat(slowEnded.get(0)).isInstanceOf(StorageException.Expired.class);
                assertThat(slowSaw).hasSizeLessThanOrEqualTo(8);
                assertThat(fastSaw).extracting(WatchCacheIT::name).startsWith("s0", "s1").endsWith("s19");
            } finally {
                fast.dispose();
                slow.dispose();
            }
        }
    }

    private static WatchCache started(String prefix, int window) {
        WatchCache cache = new WatchCache(prefix, etcd, window);
        cache.start();
        Await.until("the cache is loaded", TIMEOUT, cache::isReady);
        return cache;
    }

    private static boolean isChange(StorageEvent event) {
        return event.type() != StorageEvent.Type.PROGRESS;
    }

    private static String name(StorageEvent event) {
        ObjectNode object = event.type() == StorageEvent.Type.DELETE ? event.previous() : event.object();
        return object.path("metadata").path("name").asString();
    }

    private static long revision(ObjectNode object) {
        return Long.parseLong(object.path("metadata").path("resourceVersion").asString());
    }

    private static String prefix() {
        return "/registry/cachetest" + System.nanoTime() + "/";
    }

    private static ObjectNode object(String name, int value) {
        return (ObjectNode) Json.tree("{\"metadata\":{\"name\":\"" + name + "\"},\"v\":" + value + "}");
    }
}
