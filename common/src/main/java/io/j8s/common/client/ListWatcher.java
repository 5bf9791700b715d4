package io.j8s.common.client;

import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.WatchEvent;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The list-then-watch loop of client-go's Reflector, without the HTTP: list, emit
 * {@link ListWatchEvent.Listed}, watch from the list's resourceVersion, and keep going forever.
 * A watch that ends or fails resumes from the last resourceVersion seen (bookmarks included), after a
 * back-off on failure; a 410 Expired (the server compacted that revision) triggers a fresh list.
 * Lister and watcher are functions so the loop can be tested without a server.
 */
public final class ListWatcher<T extends KubeObject<T>> {

    private static final Logger log = LoggerFactory.getLogger(ListWatcher.class);

    private final String description;
    private final Supplier<Mono<KubeList<T>>> lister;
    private final Function<String, Flux<WatchEvent<T>>> watcher;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration resumeDelay;

    /**
     * @param description   what is watched, for logs (e.g. "pods in default")
     * @param watcher       opens a watch from the given resourceVersion (null: from now)
     * @param resumeDelay   pause before re-watching after a stream ended cleanly, so a server that
     *                      closes at once is not hammered
     */
    public ListWatcher(String description, Supplier<Mono<KubeList<T>>> lister,
            Function<String, Flux<WatchEvent<T>>> watcher,
            Duration initialBackoff, Duration maxBackoff, Duration resumeDelay) {
        this.description = description;
        this.lister = lister;
        this.watcher = watcher;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.resumeDelay = resumeDelay;
    }

    /** An endless stream; cancel the subscription to stop. Each subscription starts with a list. */
    public Flux<ListWatchEvent<T>> run() {
        return Flux.defer(() -> {
            State state = new State();
            return Flux.defer(() -> cycle(state)).repeat();
        });
    }

    /** Mutable loop state; one subscription's cycles run one after another, never concurrently. */
    private static final class State {
        volatile boolean needsList = true;
        volatile String resourceVersion;
        volatile int failures;
        /** Expirations with no event in between: a relist whose watch expires at once must back off too. */
        volatile int expirations;
        volatile Duration delayBeforeNextCycle = Duration.ZERO;
    }

    /** One list-and/or-watch attempt that completes (never errors) when the stream stops. */
    private Flux<ListWatchEvent<T>> cycle(State state) {
        Duration delay = state.delayBeforeNextCycle;
        state.delayBeforeNextCycle = Duration.ZERO;
        Flux<ListWatchEvent<T>> attempt = Flux.defer(() -> state.needsList ? listThenWatch(state) : watch(state))
                .doOnComplete(() -> state.delayBeforeNextCycle = resumeDelay)
                .onErrorResume(error -> {
                    onFailure(state, error);
                    return Flux.empty();
                });
        return delay.isZero() ? attempt : Mono.delay(delay).thenMany(attempt);
    }

    private Flux<ListWatchEvent<T>> listThenWatch(State state) {
        return lister.get().flatMapMany(list -> {
            state.needsList = false;
            state.resourceVersion = list.resourceVersion();
            state.failures = 0;
            ListWatchEvent<T> listed = new ListWatchEvent.Listed<>(list.items(), list.resourceVersion());
            return Flux.just(listed).concatWith(Flux.defer(() -> watch(state)));
        });
    }

    private Flux<ListWatchEvent<T>> watch(State state) {
        return watcher.apply(state.resourceVersion).handle((event, sink) -> {
            state.failures = 0;
            state.expirations = 0;
            String rv = event.object() == null || event.object().metadata() == null
                    ? null : event.object().metadata().resourceVersion();
            if (rv != null && !rv.isEmpty()) {
                state.resourceVersion = rv;
            }
            if (event.type() != WatchEvent.Type.BOOKMARK) {
                sink.next(new ListWatchEvent.Changed<>(event));
            }
        });
    }

    private void onFailure(State state, Throwable error) {
        if (error instanceof ApiException api && api.isExpired()) {
            log.info("watch of {} expired at resourceVersion {}; listing again", description, state.resourceVersion);
            state.needsList = true;
            state.expirations++;
            state.delayBeforeNextCycle = state.expirations == 1 ? Duration.ZERO : backoff(state.expirations - 1);
            return;
        }
        state.failures++;
        Duration backoff = backoff(state.failures);
        log.warn("{} of {} failed ({}); retrying in {} ms", state.needsList ? "list" : "watch", description,
                error.toString(), backoff.toMillis());
        state.delayBeforeNextCycle = backoff;
    }

    /** Doubles from initialBackoff per consecutive failure, capped at maxBackoff. */
    Duration backoff(int failures) {
        long millis = initialBackoff.toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
