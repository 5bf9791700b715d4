package io.j8s.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polling for what a cluster does eventually: controllers, schedulers and watches act asynchronously. */
public final class Await {

    private Await() {
    }

    /**
     * Polls until {@code condition} holds, failing with {@code what} after {@code timeout}; an assertion the
     * condition threw on its last try is kept as the cause.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        AssertionError last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError e) {
                last = e;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
