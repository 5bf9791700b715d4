package io.j8s.proxy.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one service port picks endpoints: every request takes the next position of a round robin over the ready
 * endpoints, and with ClientIP session affinity a client goes back to the endpoint it last reached until its
 * affinity times out (kube-proxy's behaviour). Kept across endpoint changes, so the rotation carries on.
 */
public final class Balancer {

    /** Expired affinities are swept out every this many new ones, so idle clients do not pile up. */
    private static final int SWEEP_EVERY = 4096;

    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Sticky> affinities = new ConcurrentHashMap<>();
    private final AtomicInteger sticks = new AtomicInteger();

    private record Sticky(Endpoint endpoint, long expiresAtNanos) {
    }

    /** The position round robin starts at for the next request among {@code size} endpoints. */
    public int nextStart(int size) {
        return Math.floorMod(next.getAndIncrement(), size);
    }

    /** The endpoint {@code clientIp} is stuck to, if its affinity has not expired and the endpoint is still ready. */
    public Endpoint affine(String clientIp, List<Endpoint> ready, long nowNanos) {
        Sticky sticky = affinities.get(clientIp);
        if (sticky == null || nowNanos - sticky.expiresAtNanos > 0 || !ready.contains(sticky.endpoint)) {
            return null;
        }
        return sticky.endpoint;
    }

    /** {@code clientIp} reached {@code endpoint}: it sticks there for {@code timeout} from now. */
    public void stick(String clientIp, Endpoint endpoint, Duration timeout, long nowNanos) {
        affinities.put(clientIp, new Sticky(endpoint, nowNanos + timeout.toNanos()));
        if (sticks.incrementAndGet() % SWEEP_EVERY == 0) {
            affinities.values().removeIf(sticky -> nowNanos - sticky.expiresAtNanos > 0);
        }
    }
}
