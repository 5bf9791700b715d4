package io.j8s.controller.node;

import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeCondition;
import io.j8s.common.api.meta.Times;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the node lifecycle controller remembers of a node between passes (Kubernetes' nodeHealthData): when
 * it last saw a sign of life ({@code probeTimestamp}, on this controller's clock), and the signs it compares
 * against to notice the next one: the Lease's renewTime and the Ready condition's lastHeartbeatTime.
 *
 * @param readyStatus the Ready condition's status last seen, to notice the kubelet turning it False
 */
record NodeHealth(Instant probeTimestamp, String leaseRenewTime, String readyHeartbeat, String readyStatus) {

    /**
     * The health after looking at the node and its Lease at {@code now}. A renewed Lease or a new heartbeat
     * in the Ready condition counts as a sign of life at the moment it is observed, as in Kubernetes, so
     * clocks of nodes and controller need not agree. On first sight (a new leadership term) the node is
     * credited with its latest recorded heartbeat instead, so a node that died before the term began is
     * not given a fresh grace period; a node with neither Lease nor Ready condition counts from its
     * creation.
     */
    static NodeHealth observe(NodeHealth saved, Node node, Lease lease, Instant now) {
        String renewTime = lease == null ? null : renewTimeOf(lease);
        NodeCondition ready = NodeConditions.ready(node);
        String heartbeat = ready == null ? null : ready.lastHeartbeatTime();
        String status = ready == null ? null : ready.status();
        if (saved == null) {
            Instant latest = Stream.of(renewTime, heartbeat, node.metadata().creationTimestamp())
                .map(NodeHealth::parseOrNull)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(now);
            Instant probe = latest.isAfter(now) ? now : latest;
            return new NodeHealth(probe, renewTime, heartbeat, status);
        }
        Instant probe = saved.probeTimestamp();
        if (heartbeat != null && !heartbeat.equals(saved.readyHeartbeat())) {
            probe = now;
        }
        if (renewTime != null && !renewTime.equals(saved.leaseRenewTime())) {
            probe = now;
        }
        return new NodeHealth(probe, renewTime == null ? saved.leaseRenewTime() : renewTime, heartbeat, status);
    }

    /** Whether no sign of life has been seen for longer than {@code gracePeriod}. */
    boolean silentLongerThan(java.time.Duration gracePeriod, Instant now) {
        return now.isAfter(probeTimestamp.plus(gracePeriod));
    }

    /** The same health, remembering the Ready condition this controller just wrote (not a heartbeat). */
    NodeHealth withReady(NodeCondition written) {
        return new NodeHealth(probeTimestamp, leaseRenewTime,
            written == null ? readyHeartbeat : written.lastHeartbeatTime(),
            written == null ? readyStatus : written.status());
    }

    /** renewTime, or for a Lease never renewed, when it was acquired or created. */
    private static String renewTimeOf(Lease lease) {
        if (lease.spec() != null && lease.spec().renewTime() != null) {
            return lease.spec().renewTime();
        }
        if (lease.spec() != null && lease.spec().acquireTime() != null) {
            return lease.spec().acquireTime();
        }
        return lease.metadata().creationTimestamp();
    }

    private static Instant parseOrNull(String time) {
        try {
            return Times.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
