package io.j8s.scheduler.cache;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.informer.Cache;
import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.NodeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scheduler believes is on each node (kube-scheduler's cache): the nodes and bound pods the informers
 * show, plus <em>assumed</em> pods — pods this scheduler has placed but the informer does not show bound yet. An
 * assumed pod counts on its node from the moment its node is picked, so the next pod, scheduled before the first
 * binding even returns, already sees the room taken: a burst never over-commits a node. It becomes an ordinary
 * pod when the informer shows it bound, is forgotten when its binding fails, and expires if the informer has not
 * shown it {@code assumedPodTtl} after its binding finished.
 *
 * <p>Pods that terminated (Succeeded, Failed) hold nothing. {@link #snapshot()} reuses the NodeInfo of every node
 * nothing changed on since the last snapshot, so a cycle costs a rebuild of only the nodes that changed.
 * Thread-safe.
 */
public final class SchedulerCache {

    private static final Logger log = LoggerFactory.getLogger(SchedulerCache.class);
    private static final long EXPIRY_CHECK_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long assumedTtlNanos;
    private final LongSupplier nanoTime;
    /** By node name, in the order nodes appeared; an entry without a Node holds pods bound to an unknown node. */
    private final Map<String, NodeEntry> nodes = new LinkedHashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    private final Map<String, PodState> assumed = new HashMap<>();
    private Snapshot last = Snapshot.EMPTY;
    /** Node name to position in the last snapshot's node array; replaced, never changed, when nodes come or go. */
    private Map<String, Integer> index = Map.of();
    private NodeInfo[] infos = new NodeInfo[0];
    /** Nodes whose NodeInfo must be rebuilt for the next snapshot. */
    private final Set<NodeEntry> dirty = new HashSet<>();
    private boolean changed;
    private boolean nodesAddedOrRemoved;
    private long nextExpiryCheckNanos;

    private static final class NodeEntry {
        Node node;
        final Map<String, Pod> pods = new LinkedHashMap<>();
        /** Null when something on the node changed since it was last built. */
        NodeInfo info;
    }

    private static final class PodState {
        final Pod pod;
        final String node;
        final boolean assumed;
        boolean bindingFinished;
        long deadlineNanos;

        PodState(Pod pod, boolean assumed) {
            this.pod = pod;
            this.node = pod.spec().nodeName();
            this.assumed = assumed;
        }
    }

    public SchedulerCache(Duration assumedPodTtl) {
        this(assumedPodTtl, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    public SchedulerCache(Duration assumedPodTtl, LongSupplier nanoTime) {
        this.assumedTtlNanos = assumedPodTtl.toNanos();
        this.nanoTime = nanoTime;
    }

    // ---- nodes (from the node informer)

    public synchronized void addNode(Node node) {
        NodeEntry entry = nodes.computeIfAbsent(node.metadata().name(), name -> new NodeEntry());
        if (entry.node == null) {
            nodesAddedOrRemoved = true;
        }
        entry.node = node;
        touch(entry);
    }

    public synchronized void updateNode(Node node) {
        addNode(node);
    }

    /** The node is gone; pods still bound to it stay counted (on no node) until they go too. */
    public synchronized void removeNode(Node node) {
        String name = node.metadata().name();
        NodeEntry entry = nodes.get(name);
        if (entry == null) {
            return;
        }
        entry.node = null;
        nodesAddedOrRemoved = true;
        if (entry.pods.isEmpty()) {
            nodes.remove(name);
        }
        touch(entry);
    }

    // ---- pods (from the pod informer)

    /**
     * The informer shows the pod bound (added or changed): an assumed pod is confirmed, a known pod replaced, a
     * terminated one no longer counts.
     */
    public synchronized void addPod(Pod pod) {
        String key = Cache.keyOf(pod);
        if (terminated(pod)) {
            remove(key);
            return;
        }
        PodState previous = pods.get(key);
        if (previous != null) {
            if (previous.assumed && !Objects.equals(previous.node, pod.spec().nodeName())) {
                log.warn("Pod {} was assumed on node {} but is bound to {}", key, previous.node, pod.spec().nodeName());
            }
            remove(key);
        }
        put(key, new PodState(pod, false));
    }

    public synchronized void updatePod(Pod pod) {
        addPod(pod);
    }

    public synchronized void removePod(Pod pod) {
        remove(Cache.keyOf(pod));
    }

    // ---- assumed pods (from the scheduling loop)

    /**
     * Counts {@code pod} (with {@code spec.nodeName} set to the chosen node) on its node before it is bound.
     *
     * @throws IllegalStateException if the cache holds the pod already
     */
    public synchronized void assume(Pod pod) {
        String key = Cache.keyOf(pod);
        if (pod.spec() == null || pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty()) {
            throw new IllegalArgumentException("pod " + key + " has no node to be assumed on");
        }
        if (pods.containsKey(key)) {
            throw new IllegalStateException("pod " + key + " is in the cache already, so it cannot be assumed");
        }
        PodState state = new PodState(pod, true);
        put(key, state);
        assumed.put(key, state);
    }

    /** Its binding was accepted: the pod's TTL starts, in case the informer never shows it bound. */
    public synchronized void finishBinding(Pod pod) {
        PodState state = assumed.get(Cache.keyOf(pod));
        if (state != null) {
            state.bindingFinished = true;
            state.deadlineNanos = nanoTime.getAsLong() + assumedTtlNanos;
        }
    }

    /** Its binding failed: the pod no longer counts on the node it was assumed on. */
    public synchronized void forget(Pod pod) {
        String key = Cache.keyOf(pod);
        PodState state = pods.get(key);
        if (state != null && state.assumed && Objects.equals(state.node, pod.spec().nodeName())) {
            remove(key);
        }
    }

    public synchronized boolean isAssumed(String key) {
        return assumed.containsKey(key);
    }

    // ---- reading

    /**
     * The cluster for one scheduling cycle: every known node with its pods (bound and assumed). Expired assumed
     * pods are dropped first. Only nodes that changed since the last snapshot are rebuilt.
     */
    public synchronized ClusterSnapshot snapshot() {
        expireAssumedPods();
        if (!changed) {
            return last;
        }
        NodeInfo[] next;
        if (nodesAddedOrRemoved) {
            List<NodeInfo> all = new ArrayList<>(nodes.size());
            Map<String, Integer> positions = new HashMap<>(nodes.size() * 2);
            for (Map.Entry<String, NodeEntry> e : nodes.entrySet()) {
                if (e.getValue().node != null) {
                    positions.put(e.getKey(), all.size());
                    all.add(info(e.getValue()));
                }
            }
            next = all.toArray(NodeInfo[]::new);
            index = Collections.unmodifiableMap(positions);
            nodesAddedOrRemoved = false;
        } else {
            next = infos.clone();
            for (NodeEntry entry : dirty) {
                Integer position = entry.node == null ? null : index.get(entry.node.metadata().name());
                if (position != null) {
                    next[position] = info(entry);
                }
            }
        }
        dirty.clear();
        infos = next;
        last = new Snapshot(next, index);
        changed = false;
        return last;
    }

    private static NodeInfo info(NodeEntry entry) {
        if (entry.info == null) {
            entry.info = new NodeInfo(entry.node, List.copyOf(entry.pods.values()));
        }
        return entry.info;
    }

    /** Known nodes (with a Node object). */
    public synchronized int nodeCount() {
        return (int) nodes.values().stream().filter(e -> e.node != null).count();
    }

    /** Pods counted on some node, assumed ones included. */
    public synchronized int podCount() {
        return pods.size();
    }

    // ---- under the lock

    /** At most once a second, as kube-scheduler's cleanup: assumed pods can number thousands during a burst. */
    private void expireAssumedPods() {
        long now = nanoTime.getAsLong();
        if (assumed.isEmpty() || now - nextExpiryCheckNanos < 0) {
            return;
        }
        nextExpiryCheckNanos = now + EXPIRY_CHECK_PERIOD_NANOS;
        Iterator<Map.Entry<String, PodState>> it = assumed.entrySet().iterator();
        List<String> expired = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, PodState> e = it.next();
            PodState state = e.getValue();
            if (state.bindingFinished && now - state.deadlineNanos >= 0) {
                expired.add(e.getKey());
            }
        }
        for (String key : expired) {
            log.warn("Assumed pod {} expired: bound to {} but not seen bound within the TTL", key, assumed.get(key).node);
            remove(key);
        }
    }

    private void put(String key, PodState state) {
        pods.put(key, state);
        NodeEntry entry = nodes.computeIfAbsent(state.node, name -> new NodeEntry());
        boolean replaced = entry.pods.put(key, state.pod) != null;
        NodeInfo before = entry.info;
        touch(entry);
        if (!replaced && before != null) {
            entry.info = before.withPod(state.pod); // one more pod: add it rather than recount the node
        }
    }

    private void remove(String key) {
        PodState state = pods.remove(key);
        if (state == null) {
            return;
        }
        assumed.remove(key);
        NodeEntry entry = nodes.get(state.node);
        if (entry == null) {
            return;
        }
        entry.pods.remove(key);
        if (entry.node == null && entry.pods.isEmpty()) {
            nodes.remove(state.node);
        }
        touch(entry);
    }

    private void touch(NodeEntry entry) {
        entry.info = null;
        dirty.add(entry);
        changed = true;
    }

    /** Succeeded or Failed: the pod holds nothing on its node any more. */
    public static boolean terminated(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        return PodStatus.SUCCEEDED.equals(phase) || PodStatus.FAILED.equals(phase);
    }
}
