package io.j8s.nodeagent.simulated;

import io.j8s.common.api.core.Taint;
import io.j8s.nodeagent.NodeAgentProperties;
import io.j8s.nodeagent.node.NodeTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of the simulated runtime: {@code <prefix>1} ... {@code <prefix>N}, each with made-up addresses in
 * 10.250.0.0/16, the configured capacity (default 32 CPUs, 256Gi, 110 pods, kwok-like), the label
 * {@code j8s.io/runtime=simulated} and, unless turned off, the taint {@code j8s.io/simulated=true:NoSchedule}.
 */
public final class SimulatedNodes {

    public static final String TAINT_KEY = "j8s.io/simulated";

    private final NodeAgentProperties properties;

    public SimulatedNodes(NodeAgentProperties properties) {
        this.properties = properties;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= properties.simulated().nodes(); i++) {
            names.add(properties.simulated().namePrefix() + i);
        }
        return names;
    }

    /** Each node's InternalIP. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        List<String> names = names();
        for (int i = 0; i < names.size(); i++) {
            int n = i + 1;
            addresses.put(names.get(i), "10.250." + (n / 256) + "." + (n % 256));
        }
        return addresses;
    }

    public List<NodeTemplate> templates(int port, Map<String, String> nodeInfo) {
        Map<String, String> capacity = Map.of(
            "cpu", properties.capacity().cpu() == null ? "32" : properties.capacity().cpu(),
            "memory", properties.capacity().memory() == null ? "256Gi" : properties.capacity().memory(),
            "pods", properties.capacity().pods());
        Map<String, String> labels = new LinkedHashMap<>(properties.labels());
        labels.put("j8s.io/runtime", NodeAgentProperties.SIMULATED);
        List<Taint> taints = properties.simulated().taint()
            ? List.of(new Taint(TAINT_KEY, "true", "NoSchedule", null, null)) : List.of();
        List<NodeTemplate> templates = new ArrayList<>();
        addresses().forEach((name, address) ->
            templates.add(new NodeTemplate(name, labels, taints, capacity, address, port, nodeInfo)));
        return templates;
    }
}
