package io.j8s.scheduler.framework;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as one scheduling cycle sees it: every node with the pods on it (bound and assumed). Fixed for the
 * cycle, so every filter and score of one pod judges the same state.
 */
public interface ClusterSnapshot {

    List<NodeInfo> nodes();

    Optional<NodeInfo> node(String name);
}
