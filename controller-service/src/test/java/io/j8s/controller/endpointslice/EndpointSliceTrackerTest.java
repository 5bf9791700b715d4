package io.j8s.controller.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.informer.Cache;
import io.j8s.common.labels.Selector;
import io.j8s.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The controller's memory of its own writes: a cache behind them holds the Service back, its own events are quiet. */
class EndpointSliceTrackerTest {

    private static final String SERVICE = "ns/web";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EndpointSliceTracker tracker = new EndpointSliceTracker(Duration.ofMinutes(5), clock);
    private final FakeCache cache = new FakeCache();

    @Test
    void aWrittenSliceIsStaleUntilTheCacheShowsThatVersion() {
        tracker.written(SERVICE, slice("web-a", "uid-a", 10));
        assertThat(tracker.stale(SERVICE, "ns", cache)).isTrue();
        cache.put(slice("web-a", "uid-a", 9));
        assertThat(tracker.stale(SERVICE, "ns", cache)).isTrue();
        cache.put(slice("web-a", "uid-a", 10));
        assertThat(tracker.stale(SERVICE, "ns", cache)).isFalse();
        assertThat(tracker.stale("ns/other", "ns", cache)).isFalse();
    }

    @Test
    void aDeletedSliceIsStaleWhileTheCacheStillHasIt() {
        EndpointSlice slice = slice("web-a", "uid-a", 10);
        cache.put(slice);
        tracker.deleted(SERVICE, slice);
        assertThat(tracker.stale(SERVICE, "ns", cache)).isTrue();
        cache.put(slice("web-a", "uid-other", 12)); // a new slice of that name is not the deleted one
        assertThat(tracker.stale(SERVICE, "ns", cache)).isFalse();
    }

    @Test
    void onlyOthersChangesAndDeletionsAreNews() {
        EndpointSlice written = slice("web-a", "uid-a", 10);
        tracker.written(SERVICE, written);
        assertThat(tracker.shouldSync(SERVICE, written)).isFalse();
        assertThat(tracker.shouldSync(SERVICE, slice("web-a", "uid-a", 11))).isTrue();
        assertThat(tracker.shouldSync(SERVICE, slice("web-b", "uid-b", 5))).isTrue();

        tracker.deleted(SERVICE, written);
        assertThat(tracker.deletionObserved(SERVICE, written)).isTrue();
        assertThat(tracker.deletionObserved(SERVICE, slice("web-b", "uid-b", 5))).isFalse();
    }

    @Test
    void expectationsExpireSoALostEventNeverWedgesTheService() {
        tracker.written(SERVICE, slice("web-a", "uid-a", 10));
        assertThat(tracker.stale(SERVICE, "ns", cache)).isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(tracker.stale(SERVICE, "ns", cache)).isFalse();
    }

    private static EndpointSlice slice(String name, String uid, long version) {
        return EndpointSlice.of(ObjectMeta.of("ns", name).withUid(uid).withResourceVersion(String.valueOf(version)),
            "IPv4", List.of(), List.of());
    }

    private static final class FakeCache implements Cache<EndpointSlice> {
        private final Map<String, EndpointSlice> byKey = new HashMap<>();

        void put(EndpointSlice slice) {
            byKey.put(Cache.keyOf(slice), slice);
        }

        @Override
        public Optional<EndpointSlice> get(String namespace, String name) {
            return Optional.ofNullable(byKey.get(namespace + "/" + name));
        }

        @Override
        public Optional<EndpointSlice> getByKey(String key) {
            return Optional.ofNullable(byKey.get(key));
        }

        @Override
        public List<EndpointSlice> list() {
            return List.copyOf(byKey.values());
        }

        @Override
        public List<EndpointSlice> list(String namespace) {
            return list();
        }

        @Override
        public List<EndpointSlice> list(String namespace, Selector selector) {
            return list();
        }

        @Override
        public List<EndpointSlice> byIndex(String indexName, String value) {
            return List.of();
        }

        @Override
        public List<String> keys() {
            return List.copyOf(byKey.keySet());
        }
    }
}
