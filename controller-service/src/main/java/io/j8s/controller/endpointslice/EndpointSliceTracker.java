package io.j8s.controller.endpointslice;

import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.informer.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The writes this controller made to EndpointSlices that its informer may not show yet, per Service (Kubernetes'
 * EndpointSliceTracker, by resourceVersion where Kubernetes compares generations). A Service whose cached slices
 * are older than what the controller wrote is not reconciled until the cache has caught up, so a stale cache never
 * makes it create a slice twice or undo its own change; an informer event that only shows the controller's own
 * write does not enqueue the Service again. A record older than the ttl is dropped: a lost event must not wedge a
 * Service. Thread-safe.
 */
final class EndpointSliceTracker {

    /** A slice expected at {@code resourceVersion} or later, or expected gone ({@code deleted}). */
    private record Expected(long resourceVersion, boolean deleted, String uid, Instant recordedAt) {
    }

    private final Duration ttl;
    private final Clock clock;
    /** Service key to slice name to what was last written there. */
    private final Map<String, Map<String, Expected>> byService = new HashMap<>();

    EndpointSliceTracker(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The API server answered a create or update of a slice of the Service with {@code written}. */
    synchronized void written(String serviceKey, EndpointSlice written) {
        byService.computeIfAbsent(serviceKey, k -> new HashMap<>()).put(written.metadata().name(),
            new Expected(version(written), false, written.metadata().uid(), clock.instant()));
    }

    /** The API server deleted a slice of the Service. */
    synchronized void deleted(String serviceKey, EndpointSlice slice) {
        byService.computeIfAbsent(serviceKey, k -> new HashMap<>()).put(slice.metadata().name(),
            new Expected(version(slice), true, slice.metadata().uid(), clock.instant()));
    }

    /**
     * Whether the cache does not show yet what was written for the Service: a written slice missing or older, a
     * deleted one still there. Expectations the cache meets are forgotten on the way.
     */
    synchronized boolean stale(String serviceKey, String namespace, Cache<EndpointSlice> cache) {
        Map<String, Expected> expected = byService.get(serviceKey);
        if (expected == null) {
            return false;
        }
        boolean stale = false;
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Expected>> it = expected.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Expected> entry = it.next();
            Expected want = entry.getValue();
            Optional<EndpointSlice> cached = cache.get(namespace, entry.getKey());
            boolean met = want.deleted()
                ? cached.isEmpty() || !Objects.equals(cached.get().metadata().uid(), want.uid())
                : cached.isPresent() && version(cached.get()) >= want.resourceVersion();
            if (met || now.isAfter(want.recordedAt().plus(ttl))) {
                it.remove();
            } else {
                stale = true;
            }
        }
        if (expected.isEmpty()) {
            byService.remove(serviceKey);
        }
        return stale;
    }

    /**
     * Whether an added or updated slice is news to the controller: not its own last write (nor an older state of
     * that slice), so the Service must be looked at again.
     */
    synchronized boolean shouldSync(String serviceKey, EndpointSlice slice) {
        Expected want = expectedFor(serviceKey, slice);
        return want == null || want.deleted() || version(slice) > want.resourceVersion();
    }

    /**
     * A slice of the Service is gone; true when the controller deleted it itself, false when someone else did (and
     * the Service must be looked at again).
     */
    synchronized boolean deletionObserved(String serviceKey, EndpointSlice slice) {
        Map<String, Expected> expected = byService.get(serviceKey);
        Expected want = expected == null ? null : expected.remove(slice.metadata().name());
        if (expected != null && expected.isEmpty()) {
            byService.remove(serviceKey);
        }
        return want != null && want.deleted();
    }

    /** Forgets the Service, e.g. once it is deleted. */
    synchronized void forget(String serviceKey) {
        byService.remove(serviceKey);
    }

    private Expected expectedFor(String serviceKey, EndpointSlice slice) {
        Map<String, Expected> expected = byService.get(serviceKey);
        return expected == null ? null : expected.get(slice.metadata().name());
    }

    /** resourceVersions are etcd revisions, increasing across all objects; anything else reads as 0. */
    private static long version(EndpointSlice slice) {
        try {
            return Long.parseLong(slice.metadata().resourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }
}
