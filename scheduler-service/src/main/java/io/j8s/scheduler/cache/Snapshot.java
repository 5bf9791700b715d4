package io.j8s.scheduler.cache;

import io.j8s.scheduler.framework.ClusterSnapshot;
import io.j8s.scheduler.framework.NodeInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable {@link ClusterSnapshot}: the nodes in a stable order, and by name through an index the cache shares
 * between snapshots until a node is added or removed (so a snapshot costs an array copy, not a map per cycle).
 */
final class Snapshot implements ClusterSnapshot {

    static final Snapshot EMPTY = new Snapshot(new NodeInfo[0], Map.of());

    private final List<NodeInfo> nodes;
    private final Map<String, Integer> index;

    /** {@code nodes} is never written after; {@code index} maps each node's name to its position. */
    Snapshot(NodeInfo[] nodes, Map<String, Integer> index) {
        this.nodes = Collections.unmodifiableList(Arrays.asList(nodes));
        this.index = index;
    }

    @Override
    public List<NodeInfo> nodes() {
        return nodes;
    }

    @Override
    public Optional<NodeInfo> node(String name) {
        Integer position = index.get(name);
        return position == null ? Optional.empty() : Optional.of(nodes.get(position));
    }
}
