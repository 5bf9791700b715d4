package io.j8s.scheduler.queue;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.Times;
import io.j8s.common.informer.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The pods waiting to be scheduled, as kube-scheduler's PriorityQueue keeps them, each pod (by key) in at most
 * one place:
 * <ul>
 *   <li><b>activeQ</b>: ready to be tried, highest {@code spec.priority} first, then oldest;</li>
 *   <li><b>backoffQ</b>: failed recently, waiting out a per-pod exponential back-off (initial, doubling per
 *       attempt, capped) before going back to activeQ;</li>
 *   <li><b>unschedulable</b>: fit nowhere, waiting for a {@link ClusterEvent} that may let them fit (then to
 *       backoffQ or activeQ), or at the latest {@code maxInUnschedulable} (the leftover flush);</li>
 *   <li><b>in flight</b>: popped and being scheduled or bound; updates and deletions meanwhile are noted and
 *       decide where a failed attempt goes.</li>
 * </ul>
 * A cluster event that arrives while a pod is in flight sends that pod, should it fail, to backoffQ instead of
 * unschedulable: it was judged against a cluster that has changed since (kube-scheduler's moveRequestCycle).
 * Thread-safe; {@link #pop()} blocks.
 */
public final class SchedulingQueue {

    private static final Comparator<Entry> BY_PRIORITY = Comparator
        .comparingInt((Entry e) -> e.priority).reversed()
        .thenComparingLong(e -> e.createdMillis)
        .thenComparingLong(e -> e.sequence);
    private static final Comparator<Entry> BY_BACKOFF_EXPIRY = Comparator
        .comparingLong((Entry e) -> e.backoffExpiryNanos)
        .thenComparingLong(e -> e.sequence);
    /** How often a blocked pop looks at the back-off and unschedulable queues at the latest. */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final long maxInUnschedulableNanos;
    private final LongSupplier nanoTime;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Entry> activeQ = new TreeSet<>(BY_PRIORITY);
    private final TreeSet<Entry> backoffQ = new TreeSet<>(BY_BACKOFF_EXPIRY);
    private final Map<String, Entry> unschedulable = new LinkedHashMap<>();
    /** Every pod in activeQ, backoffQ or unschedulable, by key. */
    private final Map<String, Entry> queued = new HashMap<>();
    private final Map<String, Entry> inFlight = new HashMap<>();
    private long sequence;
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    private enum Place { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

    /** A pod's bookkeeping; mutated only under the lock, and only while it is in no sorted set. */
    private static final class Entry {
        final String key;
        Pod pod;
        int priority;
        long createdMillis;
        long sequence;
        int attempts;
        long lastFailureNanos;
        long backoffExpiryNanos;
        long unschedulableSinceNanos;
        Set<String> rejectedBy = Set.of();
        Place place;
        long cycle;
        /** In flight: the pod changed in a way that may change the verdict, or was deleted/bound meanwhile. */
        boolean updatedInFlight;
        boolean goneInFlight;

        Entry(String key, Pod pod) {
            this.key = key;
            setPod(pod);
        }

        void setPod(Pod value) {
            pod = value;
            priority = value.spec() == null || value.spec().priority() == null ? 0 : value.spec().priority();
            Instant created = value.metadata() == null ? null : Times.parse(value.metadata().creationTimestamp());
            createdMillis = created == null ? Long.MAX_VALUE : created.toEpochMilli();
        }
    }

    public SchedulingQueue(Duration initialBackoff, Duration maxBackoff, Duration maxInUnschedulable) {
        this(initialBackoff, maxBackoff, maxInUnschedulable, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    public SchedulingQueue(Duration initialBackoff, Duration maxBackoff, Duration maxInUnschedulable,
                           LongSupplier nanoTime) {
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.maxInUnschedulableNanos = maxInUnschedulable.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A new pending pod (informer add): to activeQ, unless the key is known already (then only its object changes). */
    public void add(Pod pod) {
        String key = Cache.keyOf(pod);
        lock.lock();
        try {
            Entry existing = find(key);
            if (existing != null) {
                replacePod(existing, pod);
                return;
            }
            Entry entry = new Entry(key, pod);
            queued.put(key, entry);
            toActive(entry);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pending pod changed. A pod waiting as unschedulable is tried again when what scheduling reads of it
     * changed (spec, labels, annotations) — after its back-off, if any is left; otherwise only the stored object
     * changes (e.g. the status this scheduler just wrote). An unknown pod is added.
     */
    public void update(Pod oldPod, Pod newPod) {
        String key = Cache.keyOf(newPod);
        lock.lock();
        try {
            Entry entry = find(key);
            if (entry == null) {
                Entry fresh = new Entry(key, newPod);
                queued.put(key, fresh);
                toActive(fresh);
                return;
            }
            boolean relevant = oldPod == null || schedulingRelevantChange(oldPod, newPod);
            if (entry.place == Place.IN_FLIGHT) {
                entry.pod = newPod;
                entry.updatedInFlight |= relevant;
                return;
            }
            if (entry.place == Place.UNSCHEDULABLE && relevant) {
                unschedulable.remove(key);
                entry.setPod(newPod);
                toActiveOrBackoff(entry);
                return;
            }
            replacePod(entry, newPod);
        } finally {
            lock.unlock();
        }
    }

    /** The pod was deleted, bound elsewhere, or is no longer ours: forgotten; a failed attempt will not requeue it. */
    public void delete(String key) {
        lock.lock();
        try {
            Entry flying = inFlight.get(key);
            if (flying != null) {
                flying.goneInFlight = true;
            }
            Entry entry = queued.remove(key);
            if (entry != null) {
                removeFromPlace(entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next pod to try: the head of activeQ, waiting for one if need be (pods whose back-off ran out and
     * unschedulable leftovers are moved first). Empty once the queue is closed.
     */
    public Optional<QueuedPodInfo> pop() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return Optional.empty();
                }
                long wait = flush();
                if (!activeQ.isEmpty()) {
                    return Optional.of(popHead());
                }
                changed.awaitNanos(Math.min(wait, MAX_WAIT_NANOS));
            }
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #pop()} without waiting: the head of activeQ after moving what is due, if there is one. */
    public Optional<QueuedPodInfo> poll() {
        lock.lock();
        try {
            if (closed) {
                return Optional.empty();
            }
            flush();
            return activeQ.isEmpty() ? Optional.empty() : Optional.of(popHead());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The attempt found no node: the pod waits as unschedulable for an event that can undo one of the rejections
     * ({@code rejectedBy}: plugin names) — or in backoffQ, if such an event came while it was in flight or the
     * pod itself changed. A pod deleted or bound meanwhile is dropped.
     */
    public void addUnschedulable(QueuedPodInfo info, Set<String> rejectedBy) {
        lock.lock();
        try {
            Entry entry = takeInFlight(info);
            if (entry == null) {
                return;
            }
            entry.rejectedBy = Set.copyOf(rejectedBy);
            entry.lastFailureNanos = nanoTime.getAsLong();
            queued.put(entry.key, entry);
            if (moveRequestCycle >= entry.cycle || entry.updatedInFlight) {
                toBackoff(entry);
            } else {
                entry.place = Place.UNSCHEDULABLE;
                entry.unschedulableSinceNanos = entry.lastFailureNanos;
                unschedulable.put(entry.key, entry);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The attempt failed for another reason (an error, a failed binding): the pod waits out its back-off. */
    public void addBackoff(QueuedPodInfo info) {
        lock.lock();
        try {
            Entry entry = takeInFlight(info);
            if (entry == null) {
                return;
            }
            entry.rejectedBy = Set.of();
            entry.lastFailureNanos = nanoTime.getAsLong();
            queued.put(entry.key, entry);
            toBackoff(entry);
        } finally {
            lock.unlock();
        }
    }

    /** The attempt is over and the pod is not coming back (bound, or skipped): forget it. */
    public void done(QueuedPodInfo info) {
        lock.lock();
        try {
            Entry entry = inFlight.get(info.key());
            if (entry != null && entry.cycle == info.cycle()) {
                inFlight.remove(info.key());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Something changed that may let unschedulable pods fit: every one the event can help goes to activeQ, or
     * to backoffQ while its back-off lasts. Pods in flight now will, if they fail, go to backoffQ.
     */
    public void moveAllToActiveOrBackoff(ClusterEvent event) {
        lock.lock();
        try {
            moveRequestCycle = schedulingCycle;
            if (unschedulable.isEmpty()) {
                return;
            }
            Iterator<Entry> it = unschedulable.values().iterator();
            while (it.hasNext()) {
                Entry entry = it.next();
                if (event.mayHelp(entry.rejectedBy)) {
                    it.remove();
                    toActiveOrBackoff(entry);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a blocked {@link #pop()}, which then returns empty; pods still queued are dropped. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Counts per place, for logs and tests. */
    public Sizes sizes() {
        lock.lock();
        try {
            return new Sizes(activeQ.size(), backoffQ.size(), unschedulable.size(), inFlight.size());
        } finally {
            lock.unlock();
        }
    }

    public record Sizes(int active, int backoff, int unschedulable, int inFlight) {
    }

    /** The keys in activeQ, head first; for tests. */
    public List<String> activeKeys() {
        lock.lock();
        try {
            List<String> keys = new ArrayList<>();
            activeQ.forEach(e -> keys.add(e.key));
            return keys;
        } finally {
            lock.unlock();
        }
    }

    /** The back-off a pod gets after its {@code attempts}-th attempt: initial x 2^(attempts-1), at most max. */
    long backoffNanos(int attempts) {
        long duration = initialBackoffNanos;
        for (int i = 1; i < attempts && duration < maxBackoffNanos; i++) {
            duration *= 2;
        }
        return Math.min(duration, maxBackoffNanos);
    }

    // ---- under the lock

    /** The pod's entry, queued or in flight; a pod deleted while in flight is not found (its key may be reused). */
    private Entry find(String key) {
        Entry entry = queued.get(key);
        if (entry != null) {
            return entry;
        }
        Entry flying = inFlight.get(key);
        return flying == null || flying.goneInFlight ? null : flying;
    }

    private QueuedPodInfo popHead() {
        Entry entry = activeQ.pollFirst();
        queued.remove(entry.key);
        schedulingCycle++;
        entry.attempts++;
        entry.cycle = schedulingCycle;
        entry.updatedInFlight = false;
        entry.goneInFlight = false;
        entry.place = Place.IN_FLIGHT;
        inFlight.put(entry.key, entry);
        return new QueuedPodInfo(entry.pod, entry.key, entry.attempts, entry.cycle);
    }

    /** The in-flight entry of a finished attempt, or null if the pod is gone (or queued again by someone else). */
    private Entry takeInFlight(QueuedPodInfo info) {
        Entry entry = inFlight.get(info.key());
        if (entry == null || entry.cycle != info.cycle()) {
            return null;
        }
        inFlight.remove(info.key());
        if (entry.goneInFlight || queued.containsKey(entry.key)) {
            return null;
        }
        return entry;
    }

    /** Moves pods whose back-off ran out to activeQ and unschedulable leftovers out; returns nanos until next due. */
    private long flush() {
        long now = nanoTime.getAsLong();
        long next = Long.MAX_VALUE;
        while (!backoffQ.isEmpty()) {
            Entry head = backoffQ.first();
            if (head.backoffExpiryNanos - now > 0) {
                next = head.backoffExpiryNanos - now;
                break;
            }
            backoffQ.pollFirst();
            toActive(head);
        }
        // Insertion order is the order pods became unschedulable: stop at the first that is not due.
        Iterator<Entry> it = unschedulable.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            long left = entry.unschedulableSinceNanos + maxInUnschedulableNanos - now;
            if (left > 0) {
                next = Math.min(next, left);
                break;
            }
            it.remove();
            toActiveOrBackoff(entry);
        }
        if (!backoffQ.isEmpty()) {
            next = Math.min(next, Math.max(0, backoffQ.first().backoffExpiryNanos - now));
        }
        return Math.max(1, next);
    }

    private void toActiveOrBackoff(Entry entry) {
        long expiry = entry.lastFailureNanos + backoffNanos(Math.max(1, entry.attempts));
        if (entry.attempts > 0 && expiry - nanoTime.getAsLong() > 0) {
            entry.place = Place.BACKOFF;
            entry.backoffExpiryNanos = expiry;
            entry.sequence = ++sequence;
            backoffQ.add(entry);
            changed.signalAll();
        } else {
            toActive(entry);
        }
    }

    private void toBackoff(Entry entry) {
        entry.place = Place.BACKOFF;
        entry.backoffExpiryNanos = entry.lastFailureNanos + backoffNanos(Math.max(1, entry.attempts));
        entry.sequence = ++sequence;
        backoffQ.add(entry);
        changed.signalAll();
    }

    private void toActive(Entry entry) {
        entry.place = Place.ACTIVE;
        entry.sequence = ++sequence;
        activeQ.add(entry);
        changed.signalAll();
    }

    private void replacePod(Entry entry, Pod pod) {
        if (entry.place == Place.IN_FLIGHT || entry.place == Place.UNSCHEDULABLE) {
            entry.pod = pod;
            return;
        }
        // The sort keys may change with the object: take it out of its set while changing it.
        TreeSet<Entry> set = entry.place == Place.ACTIVE ? activeQ : backoffQ;
        set.remove(entry);
        entry.setPod(pod);
        set.add(entry);
    }

    private void removeFromPlace(Entry entry) {
        switch (entry.place) {
            case ACTIVE -> activeQ.remove(entry);
            case BACKOFF -> backoffQ.remove(entry);
            case UNSCHEDULABLE -> unschedulable.remove(entry.key);
            case IN_FLIGHT -> inFlight.remove(entry.key);
        }
    }

    /**
     * Whether a pending pod changed in what scheduling reads: anything but status and the bookkeeping metadata
     * every write changes (kube-scheduler's isPodUpdated).
     */
    static boolean schedulingRelevantChange(Pod oldPod, Pod newPod) {
        return !Objects.equals(oldPod.spec(), newPod.spec())
            || !Objects.equals(labels(oldPod), labels(newPod))
            || !Objects.equals(annotations(oldPod), annotations(newPod));
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.metadata() == null ? Map.of() : pod.metadata().labelsOrEmpty();
    }

    private static Map<String, String> annotations(Pod pod) {
        return pod.metadata() == null ? Map.of() : pod.metadata().annotationsOrEmpty();
    }
}
