package io.j8s.scheduler.queue;

import io.j8s.common.api.core.Pod;

/**
 * A pod handed out by {@link SchedulingQueue#pop()} for one scheduling attempt: the pod as last seen, how many
 * attempts it has had (this one included), and the queue's scheduling cycle it was popped in, which the queue
 * needs back when the attempt fails.
 */
public record QueuedPodInfo(Pod pod, String key, int attempts, long cycle) {
}
