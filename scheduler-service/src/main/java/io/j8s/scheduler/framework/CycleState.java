package io.j8s.scheduler.framework;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Data of one scheduling cycle (one pod): the cluster snapshot it is scheduled against, and what plugins
 * computed in PreFilter for their Filter and Score calls. Filters may run on several threads at once, so
 * plugins write only in PreFilter and read afterwards.
 */
public final class CycleState {

    private final ClusterSnapshot snapshot;
    private final Map<String, Object> data = new HashMap<>();

    public CycleState(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    public synchronized void write(String key, Object value) {
        data.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public synchronized <T> T read(String key) {
        return (T) data.get(key);
    }

    /** Reads a value, computing and storing it first if no plugin wrote it yet. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T readOrCompute(String key, Supplier<T> compute) {
        Object value = data.get(key); // the common case, asked per node: no lambda, no allocation
        if (value == null) {
            value = compute.get();
            data.put(key, value);
        }
        return (T) value;
    }
}
