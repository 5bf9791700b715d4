package io.j8s.nodeagent.docker;

import io.j8s.common.api.Quantities;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.EnvVar;
import io.j8s.common.api.core.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure part of turning a pod's container into a Docker container: the environment (literal values and the
 * downward API's {@code fieldRef}s, with {@code $(VAR)} references expanded as the kubelet does), command and args,
 * and resource limits as Docker's CPU quota, CPU shares and memory limit.
 */
public final class ContainerConfigs {

    /** Docker's CFS period: a quota of N ms per 100 ms is N/100 CPUs, as the kubelet sets it. */
    static final long CPU_PERIOD_MICROS = 100_000;
    private static final Pattern FIELD_IN_MAP = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private ContainerConfigs() {
    }

    /** CPU and memory as Docker takes them; null where the container sets nothing. */
    public record Limits(Long memoryBytes, Long cpuQuotaMicros, Long cpuPeriodMicros, Integer cpuShares) {
    }

    /**
     * The container's environment in order, {@code NAME=value}: each value with {@code $(NAME)} of earlier
     * variables expanded, {@code fieldRef}s read from the pod (podIP and hostIP from the arguments, since the pod's
     * status may not carry them yet).
     */
    public static List<String> environment(Pod pod, Container container, String podIP, String hostIP) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.env() == null ? List.<EnvVar>of() : container.env()) {
            String value;
            if (variable.valueFrom() != null && variable.valueFrom().fieldRef() != null) {
                value = fieldValue(pod, variable.valueFrom().fieldRef().fieldPath(), podIP, hostIP);
            } else {
                value = expand(variable.value() == null ? "" : variable.value(), env);
            }
            env.put(variable.name(), value);
        }
        List<String> result = new ArrayList<>();
        env.forEach((name, value) -> result.add(name + "=" + value));
        return result;
    }

    /** The container's variables by name, for expanding command and args. */
    public static Map<String, String> environmentMap(List<String> environment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : environment) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    /** A downward-API field of the pod, as the kubelet's podFieldSelectorRuntimeValue reads it. */
    static String fieldValue(Pod pod, String fieldPath, String podIP, String hostIP) {
        if (fieldPath == null) {
            return "";
        }
        Matcher inMap = FIELD_IN_MAP.matcher(fieldPath);
        if (inMap.matches()) {
            Map<String, String> map = inMap.group(1).equals("labels") ? pod.metadata().labelsOrEmpty()
                : pod.metadata().annotationsOrEmpty();
            return map.getOrDefault(inMap.group(2), "");
        }
        return switch (fieldPath) {
            case "metadata.name" -> pod.metadata().name();
            case "metadata.namespace" -> pod.metadata().namespace();
            case "metadata.uid" -> pod.metadata().uid();
            case "spec.nodeName" -> pod.spec().nodeName();
            case "spec.serviceAccountName" -> orEmpty(pod.spec().serviceAccountName());
            case "status.podIP", "status.podIPs" -> orEmpty(podIP);
            case "status.hostIP", "status.hostIPs" -> orEmpty(hostIP);
            default -> "";
        };
    }

    /**
     * Kubernetes' expansion (third_party/forked/golang/expansion): {@code $(NAME)} becomes the variable's value when
     * it is defined and stays as written when not; {@code $$} is a literal {@code $}.
     */
    public static String expand(String input, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == '$' && i + 1 < input.length()) {
                char next = input.charAt(i + 1);
                if (next == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                if (next == '(') {
                    int close = input.indexOf(')', i + 2);
                    if (close > 0) {
                        String name = input.substring(i + 2, close);
                        String value = env.get(name);
                        out.append(value != null ? value : input.substring(i, close + 1));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    public static List<String> expandAll(List<String> values, Map<String, String> env) {
        return values == null ? null : values.stream().map(v -> expand(v, env)).toList();
    }

    /**
     * Limits as the kubelet gives them to the runtime: {@code limits.cpu} as a CFS quota per 100 ms period,
     * {@code requests.cpu} (or the limit) as shares (1024 per CPU, at least 2), {@code limits.memory} in bytes.
     */
    public static Limits limits(Container container) {
        if (container.resources() == null) {
            return new Limits(null, null, null, null);
        }
        Map<String, String> limits = container.resources().limits() == null ? Map.of() : container.resources().limits();
        Map<String, String> requests = container.resources().requests() == null ? Map.of()
            : container.resources().requests();
        Long memory = limits.containsKey("memory") ? Quantities.value(limits.get("memory")) : null;
        Long quota = null;
        Long period = null;
        if (limits.containsKey("cpu")) {
            long millis = Quantities.milliValue(limits.get("cpu"));
            quota = Math.max(1000, millis * CPU_PERIOD_MICROS / 1000);
            period = CPU_PERIOD_MICROS;
        }
        String cpuRequest = requests.getOrDefault("cpu", limits.get("cpu"));
        Integer shares = cpuRequest == null ? null
            : (int) Math.max(2, Quantities.milliValue(cpuRequest) * 1024 / 1000);
        return new Limits(memory, quota, period, shares);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
