package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME (printNode).
 */
final class NodePrinter implements TablePrinter {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Status", "string", "The status of the node"),
        Column.of("Roles", "string", "The roles of the node"),
        Column.creationAge(),
        Column.of("Version", "string", "Kubelet Version reported by the node."),
        Column.wide("Internal-IP", "string", "List of addresses reachable to the node."),
        Column.wide("External-IP", "string", "List of addresses reachable to the node."),
        Column.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian "
            + "GNU/Linux 7 (wheezy))."),
        Column.wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. "
            + "3.16.0-0.bpo.4-amd64)."),
        Column.wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime "
            + "remote API (e.g. containerd://1.4.2)."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode node, Instant now) {
        List<String> status = new ArrayList<>();
        for (JsonNode condition : node.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asString())) {
                status.add("True".equals(condition.path("status").asString()) ? "Ready" : "NotReady");
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status.add("SchedulingDisabled");
        }
        TreeSet<String> roles = new TreeSet<>();
        node.path("metadata").path("labels").properties().forEach(label -> {
            if (label.getKey().startsWith(ROLE_PREFIX) && label.getKey().length() > ROLE_PREFIX.length()) {
                roles.add(label.getKey().substring(ROLE_PREFIX.length()));
            } else if (label.getKey().equals("kubernetes.io/role") && !label.getValue().asString("").isEmpty()) {
                roles.add(label.getValue().asString());
            }
        });
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(
            Fields.name(node),
            String.join(",", status),
            roles.isEmpty() ? Fields.NONE : String.join(",", roles),
            Fields.age(node, now),
            info.path("kubeletVersion").asString(""),
            address(node, "InternalIP"),
            address(node, "ExternalIP"),
            unknownIfEmpty(info.path("osImage").asString("")),
            unknownIfEmpty(info.path("kernelVersion").asString("")),
            unknownIfEmpty(info.path("containerRuntimeVersion").asString("")));
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : node.path("status").path("addresses")) {
            if (type.equals(address.path("type").asString())) {
                return address.path("address").asString("");
            }
        }
        return Fields.NONE;
    }

    private static String unknownIfEmpty(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }
}
