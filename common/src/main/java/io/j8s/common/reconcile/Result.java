package io.j8s.common.reconcile;

import java.time.Duration;

/**
 * What a {@link Reconciler} wants next for its key.
 *
 * <p>The flag is named {@code requeueRateLimited}, not {@code requeue}: Java does not allow a record
 * accessor {@code requeue()} next to the static factory {@link #requeue()}.
 *
 * @param requeueRateLimited retry with the queue's rate-limited back-off
 * @param requeueAfter       when not null, look again after this long (the back-off is reset)
 */
public record Result(boolean requeueRateLimited, Duration requeueAfter) {

    private static final Result DONE = new Result(false, null);
    private static final Result REQUEUE = new Result(true, null);

    /** Nothing more to do until the next change. */
    public static Result done() {
        return DONE;
    }

    /** Try again after the rate limiter's back-off (e.g. waiting for something not yet visible). */
    public static Result requeue() {
        return REQUEUE;
    }

    /** Look again after {@code d}, e.g. when a deadline such as minReadySeconds will pass. */
    public static Result requeueAfter(Duration d) {
        return new Result(false, d);
    }
}
