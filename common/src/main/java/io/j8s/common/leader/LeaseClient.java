package io.j8s.common.leader;

import io.j8s.common.api.Resources;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import java.time.Duration;
import java.util.Optional;

/**
 * The three Lease calls leader election makes, blocking with a timeout. An interface so the
 * election logic can be tested against an in-memory Lease.
 */
interface LeaseClient {

    /** The Lease, or empty when it does not exist. */
    Optional<Lease> get(String namespace, String name, Duration timeout);

    /** Creates the Lease; fails with an {@link ApiException} (AlreadyExists) when another candidate was first. */
    Lease create(Lease lease, Duration timeout);

    /** Replaces the Lease; fails with an {@link ApiException} (Conflict) when its resourceVersion is stale. */
    Lease update(Lease lease, Duration timeout);

    static LeaseClient of(ApiClient client) {
        return new LeaseClient() {
            @Override
            public Optional<Lease> get(String namespace, String name, Duration timeout) {
                try {
                    return Optional.ofNullable(client.get(Resources.LEASES, namespace, name).block(timeout));
                } catch (ApiException e) {
                    if (e.isNotFound()) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }

            @Override
            public Lease create(Lease lease, Duration timeout) {
                return client.create(Resources.LEASES, lease).block(timeout);
            }

            @Override
            public Lease update(Lease lease, Duration timeout) {
                return client.update(Resources.LEASES, lease).block(timeout);
            }
        };
    }
}
