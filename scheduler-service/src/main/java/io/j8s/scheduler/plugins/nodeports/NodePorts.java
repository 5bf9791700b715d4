package io.j8s.scheduler.plugins.nodeports;

import io.j8s.common.api.core.Pod;
import io.j8s.scheduler.framework.CycleState;
import io.j8s.scheduler.framework.FilterPlugin;
import io.j8s.scheduler.framework.FilterResult;
import io.j8s.scheduler.framework.NodeInfo;
import io.j8s.scheduler.framework.PreFilterPlugin;
import java.util.List;
import java.util.Set;

/**
 * A host port can be bound once per node, protocol and address: a pod asking for a {@code hostPort} does not fit
 * where another pod already holds it. 0.0.0.0 (no {@code hostIP}) means every address, so it conflicts with the same
 * port and protocol on any address, and any address conflicts with it.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodePorts";

    static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    private static final String STATE_KEY = "PreFilter" + NAME;
    private static final String ALL_ADDRESSES = "0.0.0.0";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FilterResult preFilter(CycleState state, Pod pod) {
        state.write(STATE_KEY, wantedPorts(pod));
        return FilterResult.fit();
    }

    @Override
    public FilterResult filter(CycleState state, Pod pod, NodeInfo node) {
        List<HostPort> wanted = state.readOrCompute(STATE_KEY, () -> wantedPorts(pod));
        if (wanted.isEmpty()) {
            return FilterResult.fit();
        }
        Set<String> used = node.usedHostPorts();
        for (HostPort port : wanted) {
            if (conflicts(port, used)) {
                return FilterResult.unfit(REASON);
            }
        }
        return FilterResult.fit();
    }

    private static List<HostPort> wantedPorts(Pod pod) {
        return NodeInfo.hostPorts(pod).stream().map(HostPort::parse).toList();
    }

    private static boolean conflicts(HostPort wanted, Set<String> used) {
        if (ALL_ADDRESSES.equals(wanted.ip())) {
            return used.stream().map(HostPort::parse)
                    .anyMatch(u -> u.port() == wanted.port() && u.protocol().equals(wanted.protocol()));
        }
        return used.contains(wanted.protocol() + "/" + ALL_ADDRESSES + "/" + wanted.port())
                || used.contains(wanted.protocol() + "/" + wanted.ip() + "/" + wanted.port());
    }

    /** One {@code protocol/hostIP/port} entry of {@link NodeInfo#usedHostPorts()}. */
    record HostPort(String protocol, String ip, int port) {

        static HostPort parse(String entry) {
            int first = entry.indexOf('/');
            int last = entry.lastIndexOf('/');
            return new HostPort(entry.substring(0, first), entry.substring(first + 1, last),
                    Integer.parseInt(entry.substring(last + 1)));
        }
    }
}
