package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES (printPod). */
final class PodPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        Column.of("Status", "string", "The aggregate status of the containers in this pod."),
        Column.of("Restarts", "string", "The number of times the containers in this pod have been restarted and "
            + "when the last container in this pod has restarted."),
        Column.creationAge(),
        Column.wide("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster."),
        Column.wide("Node", "string", "NodeName indicates in which node this pod is scheduled."),
        Column.wide("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods "
            + "on the node."),
        Column.wide("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod "
            + "readiness."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode pod, Instant now) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        String phase = status.path("phase").asString("");
        String reason = status.path("reason").asString("").isEmpty() ? phase : status.path("reason").asString();
        for (JsonNode condition : status.path("conditions")) {
            if ("PodScheduled".equals(condition.path("type").asString())
                && "SchedulingGated".equals(condition.path("reason").asString())) {
                reason = "SchedulingGated";
            }
        }
        int totalContainers = spec.path("containers").size();
        Set<String> sidecars = new HashSet<>();
        for (JsonNode init : spec.path("initContainers")) {
            if ("Always".equals(init.path("restartPolicy").asString())) {
                sidecars.add(init.path("name").asString());
                totalContainers++;
            }
        }
        int readyContainers = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        int initCount = spec.path("initContainers").size();
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            restarts += container.path("restartCount").asLong(0);
            Instant finished = terminatedAt(container);
            lastRestart = later(lastRestart, finished);
            if (sidecars.contains(container.path("name").asString())) {
                sidecarRestarts += container.path("restartCount").asLong(0);
                lastSidecarRestart = later(lastSidecarRestart, finished);
                if (container.path("started").asBoolean(false) && container.path("ready").asBoolean(false)) {
                    readyContainers++;
                }
                continue;
            }
            JsonNode terminated = container.path("state").path("terminated");
            JsonNode waiting = container.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) {
                continue;
            }
            if (terminated.isObject()) {
                String why = terminated.path("reason").asString("");
                if (why.isEmpty()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + terminated.path("exitCode").asInt();
                } else {
                    reason = "Init:" + why;
                }
            } else if (waiting.isObject() && !waiting.path("reason").asString("").isEmpty()
                && !"PodInitializing".equals(waiting.path("reason").asString())) {
                reason = "Init:" + waiting.path("reason").asString();
            } else {
                reason = "Init:" + i + "/" + initCount;
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += container.path("restartCount").asLong(0);
                lastRestart = later(lastRestart, terminatedAt(container));
                JsonNode waiting = container.path("state").path("waiting");
                JsonNode terminated = container.path("state").path("terminated");
                if (waiting.isObject() && !waiting.path("reason").asString("").isEmpty()) {
                    reason = waiting.path("reason").asString();
                } else if (terminated.isObject() && !terminated.path("reason").asString("").isEmpty()) {
                    reason = terminated.path("reason").asString();
                } else if (terminated.isObject()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
                } else if (container.path("ready").asBoolean(false) && container.path("state").path("running").isObject()) {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        boolean deleting = pod.path("metadata").has("deletionTimestamp");
        if (deleting && "NodeLost".equals(status.path("reason").asString(""))) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        String restartText = Long.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + HumanDuration.format(java.time.Duration.between(lastRestart, now)) + " ago)";
        }

        String podIp = status.path("podIPs").path(0).path("ip").asString(status.path("podIP").asString(""));
        String readinessGates = Fields.NONE;
        JsonNode gates = spec.path("readinessGates");
        if (!gates.isEmpty()) {
            int trueConditions = 0;
            for (JsonNode gate : gates) {
                for (JsonNode condition : status.path("conditions")) {
                    if (condition.path("type").asString().equals(gate.path("conditionType").asString())) {
                        if ("True".equals(condition.path("status").asString())) {
                            trueConditions++;
                        }
                        break;
                    }
                }
            }
            readinessGates = trueConditions + "/" + gates.size();
        }
        List<Object> cells = new ArrayList<>();
        cells.add(Fields.name(pod));
        cells.add(readyContainers + "/" + totalContainers);
        cells.add(reason);
        cells.add(restartText);
        cells.add(Fields.age(pod, now));
        cells.add(Fields.orNone(podIp));
        cells.add(Fields.orNone(spec.path("nodeName").asString("")));
        cells.add(Fields.orNone(status.path("nominatedNodeName").asString("")));
        cells.add(readinessGates);
        return cells;
    }

    @Override
    public List<ObjectNode> conditions(ObjectNode pod) {
        String phase = pod.path("status").path("phase").asString("");
        ObjectNode condition = JsonNodeFactory.instance.objectNode().put("type", "Completed").put("status", "True");
        if (phase.equals("Succeeded")) {
            return List.of(condition.put("reason", "Succeeded").put("message", "The pod has completed successfully."));
        }
        if (phase.equals("Failed")) {
            return List.of(condition.put("reason", "Failed").put("message", "The pod failed."));
        }
        return List.of();
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asString())) {
                return "True".equals(condition.path("status").asString());
            }
        }
        return false;
    }

    private static Instant terminatedAt(JsonNode containerStatus) {
        String finished = containerStatus.path("lastState").path("terminated").path("finishedAt").asString("");
        try {
            return finished.isEmpty() ? null : Instant.parse(finished);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
