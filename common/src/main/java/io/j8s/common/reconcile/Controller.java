package io.j8s.common.reconcile;

import io.j8s.common.informer.SharedInformer;
import io.j8s.common.workqueue.WorkQueue;

/**
 * Runs a {@link Reconciler} on N worker threads fed by a {@link WorkQueue}, once the informers
 * it reads from have synced: client-go's processNextWorkItem loop. Event handlers put keys into
 * {@link #queue()}; workers take -> reconcile -> forget or requeue -> done.
 */
public final class Controller {

    private Controller() {
        throw new UnsupportedOperationException("in progress");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Where event handlers enqueue keys. */
    public WorkQueue<String> queue() {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Waits until every watched informer has synced, then starts the workers
     * ({@code <name>-worker-<i>}). Blocks the caller while waiting for the caches.
     */
    public void start() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Shuts the queue down and waits (bounded) for the workers to finish their current key. */
    public void stop() {
        throw new UnsupportedOperationException("in progress");
    }

    public boolean isRunning() {
        throw new UnsupportedOperationException("in progress");
    }

    /** Builds a {@link Controller}; reconciler is required, one worker and a default queue otherwise. */
    public static final class Builder {

        private Builder(String name) {
        }

        public Builder reconciler(Reconciler reconciler) {
            throw new UnsupportedOperationException("in progress");
        }

        public Builder workers(int n) {
            throw new UnsupportedOperationException("in progress");
        }

        /** The informers whose caches must have synced before any worker starts. */
        public Builder watches(SharedInformer<?>... informersToWaitFor) {
            throw new UnsupportedOperationException("in progress");
        }

        /** The queue to use; by default {@link WorkQueue#withDefaultRateLimiter} named after the controller. */
        public Builder queue(WorkQueue<String> q) {
            throw new UnsupportedOperationException("in progress");
        }

        public Controller build() {
            throw new UnsupportedOperationException("in progress");
        }
    }
}
