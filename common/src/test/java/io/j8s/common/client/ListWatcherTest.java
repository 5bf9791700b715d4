package io.j8s.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.ListMeta;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Status;
import io.j8s.common.api.meta.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ListWatcherTest {

    private static final Duration SHORT = Duration.ofMillis(1);

    private final AtomicInteger lists = new AtomicInteger();
    private final Deque<Mono<KubeList<Pod>>> listResults = new ArrayDeque<>();
    private final Deque<Flux<WatchEvent<Pod>>> watchScripts = new ArrayDeque<>();
    private final List<String> watchedFrom = new CopyOnWriteArrayList<>();

    private static Pod pod(String name, String rv) {
        return Pod.of(ObjectMeta.of("default", name).withResourceVersion(rv), null);
    }

    private static Mono<KubeList<Pod>> listOf(String rv, Pod... items) {
        return Mono.just(KubeList.of("v1", "PodList", ListMeta.of(rv), List.of(items)));
    }

    private static WatchEvent<Pod> bookmark(String rv) {
        return new WatchEvent<>(WatchEvent.Type.BOOKMARK, Pod.of(new ObjectMeta(null, null, null, null, rv, null,
                null, null, null, null, null, null, null, null), null));
    }

    private static ApiException expired() {
        return new ApiException(Status.failure(410, "Expired", "too old resource version"));
    }

    private List<ListWatchEvent<Pod>> run(int events) {
        ListWatcher<Pod> watcher = new ListWatcher<>("pods",
                () -> {
                    lists.incrementAndGet();
                    return listResults.isEmpty() ? Mono.error(new IllegalStateException("no more lists")) : listResults.poll();
                },
                rv -> {
                    watchedFrom.add(rv);
                    return watchScripts.isEmpty() ? Flux.never() : watchScripts.poll();
                },
                SHORT, Duration.ofMillis(5), SHORT);
        return watcher.run().take(events).collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void listsThenWatchesFromTheListsResourceVersion() {
        listResults.add(listOf("10", pod("a", "9")));
        watchScripts.add(Flux.just(WatchEvent.added(pod("b", "11"))));

        List<ListWatchEvent<Pod>> events = run(2);

        assertThat(events.get(0)).isEqualTo(new ListWatchEvent.Listed<>(List.of(pod("a", "9")), "10"));
        assertThat(events.get(1)).isEqualTo(new ListWatchEvent.Changed<>(WatchEvent.added(pod("b", "11"))));
        assertThat(watchedFrom.get(0)).isEqualTo("10");
    }

    @Test
    void anEndedWatchResumesFromTheLastResourceVersionIncludingBookmarks() {
        listResults.add(listOf("10"));
        watchScripts.add(Flux.just(WatchEvent.added(pod("b", "11")), bookmark("15")));
        watchScripts.add(Flux.just(WatchEvent.modified(pod("b", "16"))));

        List<ListWatchEvent<Pod>> events = run(3);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Listed", "Changed", "Changed");
        assertThat(watchedFrom).startsWith("10", "15");
        assertThat(lists.get()).isEqualTo(1);
    }

    @Test
    void aBrokenConnectionResumesWithoutRelisting() {
        listResults.add(listOf("10"));
        watchScripts.add(Flux.concat(Flux.just(WatchEvent.added(pod("b", "11"))),
                Flux.error(new java.io.IOException("connection reset"))));
        watchScripts.add(Flux.just(WatchEvent.deleted(pod("b", "12"))));

        List<ListWatchEvent<Pod>> events = run(3);

        assertThat(((ListWatchEvent.Changed<Pod>) events.get(2)).event().type()).isEqualTo(WatchEvent.Type.DELETED);
        assertThat(watchedFrom).startsWith("10", "11");
        assertThat(lists.get()).isEqualTo(1);
    }

    @Test
    void anExpiredWatchRelistsAndEmitsAFreshListing() {
        listResults.add(listOf("10", pod("a", "9")));
        listResults.add(listOf("50", pod("c", "40")));
        watchScripts.add(Flux.error(expired()));
        watchScripts.add(Flux.just(WatchEvent.added(pod("d", "51"))));

        List<ListWatchEvent<Pod>> events = run(3);

        assertThat(events.get(0)).isEqualTo(new ListWatchEvent.Listed<>(List.of(pod("a", "9")), "10"));
        assertThat(events.get(1)).isEqualTo(new ListWatchEvent.Listed<>(List.of(pod("c", "40")), "50"));
        assertThat(events.get(2)).isEqualTo(new ListWatchEvent.Changed<>(WatchEvent.added(pod("d", "51"))));
        assertThat(watchedFrom).startsWith("10", "50");
    }

    @Test
    void anInStreamErrorEventExpiresTheWatchToo() {
        // The server's wire format, cut into awkward chunks, decoded by the same functions the client uses.
        String stream = "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"b\",\"resourceVersion\":\"11\"}}}\n"
                + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"Expired\",\"code\":410}}\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 7) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7)));
        }
        listResults.add(listOf("10"));
        listResults.add(listOf("60"));
        watchScripts.add(LineSplitter.lines(Flux.fromIterable(chunks)).map(l -> WatchEventDecoder.decode(l, Pod.class)));

        List<ListWatchEvent<Pod>> events = run(3);

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Listed", "Changed", "Listed");
        assertThat(((ListWatchEvent.Listed<Pod>) events.get(2)).resourceVersion()).isEqualTo("60");
        assertThat(lists.get()).isEqualTo(2);
    }

    @Test
    void aFailedListIsRetried() {
        listResults.add(Mono.error(new java.net.ConnectException("refused")));
        listResults.add(listOf("7"));

        List<ListWatchEvent<Pod>> events = run(1);

        assertThat(events).containsExactly(new ListWatchEvent.Listed<>(List.of(), "7"));
        assertThat(lists.get()).isEqualTo(2);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        ListWatcher<Pod> watcher = new ListWatcher<>("pods", Mono::empty, rv -> Flux.empty(),
                Duration.ofMillis(500), Duration.ofSeconds(30), SHORT);

        assertThat(watcher.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(watcher.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(watcher.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(watcher.backoff(50)).isEqualTo(Duration.ofSeconds(30));
    }
}
