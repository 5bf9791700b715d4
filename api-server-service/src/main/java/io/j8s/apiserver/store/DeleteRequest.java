package io.j8s.apiserver.store;

import io.j8s.apiserver.rest.ApiException;
import java.util.Set;

/**
 * A client's DeleteOptions: grace period, propagation policy (carried out by the garbage collector) and
 * preconditions on uid and resourceVersion.
 */
public record DeleteRequest(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
                            String preconditionResourceVersion, boolean dryRun) {

    private static final Set<String> POLICIES = Set.of("Orphan", "Background", "Foreground");

    public DeleteRequest {
        if (propagationPolicy != null && !propagationPolicy.isEmpty() && !POLICIES.contains(propagationPolicy)) {
            throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + propagationPolicy
                + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        if (gracePeriodSeconds != null && gracePeriodSeconds < 0) {
            // Kubernetes treats a negative grace period as the shortest graceful one.
            gracePeriodSeconds = 1L;
        }
    }

    public static DeleteRequest defaults() {
        return new DeleteRequest(null, null, null, null, false);
    }
}
