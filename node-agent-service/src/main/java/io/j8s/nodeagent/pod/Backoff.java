package io.j8s.nodeagent.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-key exponential back-off as the kubelet keeps it for crashing containers and failing image pulls
 * (client-go flowcontrol.Backoff): the first failure is retried at once and starts a 10 s back-off; each failure
 * within its back-off doubles it, up to 5 minutes; a key left alone for twice the maximum starts over.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    private record Entry(Duration backoff, Instant lastUpdate) {
    }

    public Backoff(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    /** The kubelet's: 10 s doubling to 5 min. */
    public static Backoff kubelet() {
        return new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * How much longer {@code key} must wait after a failure at {@code eventTime}, or empty when it may be retried
     * now (flowcontrol's IsInBackOffSince).
     */
    public synchronized Optional<Duration> remaining(String key, Instant eventTime) {
        Entry entry = entries.get(key);
        if (entry == null || expired(eventTime, entry.lastUpdate())) {
            return Optional.empty();
        }
        Duration left = entry.backoff().minus(Duration.between(eventTime, clock.instant()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a retry of {@code key} after a failure at {@code eventTime}: the next back-off doubles. */
    public synchronized Duration next(String key, Instant eventTime) {
        Entry entry = entries.get(key);
        Duration backoff;
        if (entry == null || expired(eventTime, entry.lastUpdate())) {
            backoff = initial;
        } else {
            Duration doubled = entry.backoff().multipliedBy(2);
            backoff = doubled.compareTo(max) > 0 ? max : doubled;
        }
        entries.put(key, new Entry(backoff, eventTime));
        return backoff;
    }

    /** The back-off {@code key} is in now (for messages), or zero. */
    public synchronized Duration current(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Duration.ZERO : entry.backoff();
    }

    /** Forgets every key that starts with {@code prefix} (a pod that is gone). */
    public synchronized void forgetPrefix(String prefix) {
        entries.keySet().removeIf(key -> key.startsWith(prefix));
    }

    private boolean expired(Instant eventTime, Instant lastUpdate) {
        return Duration.between(lastUpdate, eventTime).compareTo(max.multipliedBy(2)) > 0;
    }
}
