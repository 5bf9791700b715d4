package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR (printService). */
final class ServicePrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Type", "string", "type determines how the Service is exposed."),
        Column.of("Cluster-IP", "string", "clusterIP is the IP address of the service and is usually assigned "
            + "randomly."),
        Column.of("External-IP", "string", "externalIPs is a list of IP addresses for which nodes in the cluster "
            + "will also accept traffic for this service."),
        Column.of("Port(s)", "string", "The list of ports that are exposed by this service."),
        Column.creationAge(),
        Column.wide("Selector", "string", "Route service traffic to pods with label keys and values matching this "
            + "selector."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode service, Instant now) {
        JsonNode spec = service.path("spec");
        String clusterIp = spec.path("clusterIPs").path(0).asString(spec.path("clusterIP").asString(""));
        List<String> ports = new ArrayList<>();
        for (JsonNode port : spec.path("ports")) {
            String protocol = port.path("protocol").asString("TCP");
            long nodePort = port.path("nodePort").asLong(0);
            ports.add(nodePort > 0
                ? port.path("port").asLong() + ":" + nodePort + "/" + protocol
                : port.path("port").asLong() + "/" + protocol);
        }
        return List.of(
            Fields.name(service),
            spec.path("type").asString(""),
            Fields.orNone(clusterIp),
            externalIp(service),
            ports.isEmpty() ? Fields.NONE : String.join(",", ports),
            Fields.age(service, now),
            Fields.formatLabels(spec.path("selector")));
    }

    private static String externalIp(JsonNode service) {
        JsonNode spec = service.path("spec");
        List<String> external = new ArrayList<>();
        spec.path("externalIPs").forEach(ip -> external.add(ip.asString()));
        switch (spec.path("type").asString("")) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? Fields.NONE : String.join(",", external);
            }
            case "LoadBalancer" -> {
                List<String> all = new ArrayList<>();
                for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
                    String ip = ingress.path("ip").asString("");
                    all.add(ip.isEmpty() ? ingress.path("hostname").asString("") : ip);
                }
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return spec.path("externalName").asString("");
            }
            default -> {
                return "<unknown>";
            }
        }
    }
}
