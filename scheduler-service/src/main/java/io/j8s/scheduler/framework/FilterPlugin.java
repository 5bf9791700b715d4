package io.j8s.scheduler.framework;

import io.j8s.common.api.core.Pod;

/**
 * Decides whether a pod may run on a node at all (kube-scheduler's Filter extension point). A node that fails
 * any filter is out; the reasons of every failing filter make up the pod's "0/N nodes are available: ..."
 * message, so they must read as kube-scheduler's do (e.g. {@code Insufficient cpu}).
 */
public interface FilterPlugin extends Plugin {

    FilterResult filter(CycleState state, Pod pod, NodeInfo node);
}
