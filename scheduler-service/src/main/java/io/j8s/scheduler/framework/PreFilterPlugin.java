package io.j8s.scheduler.framework;

import io.j8s.common.api.core.Pod;

/**
 * Runs once per pod per cycle before the filters (kube-scheduler's PreFilter): computes what the filters and
 * scores of this plugin will need (e.g. the pod's requests, its affinity terms) into the {@link CycleState}, or
 * rejects the pod for every node at once.
 */
public interface PreFilterPlugin extends Plugin {

    FilterResult preFilter(CycleState state, Pod pod);
}
