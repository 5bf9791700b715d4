package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get endpoints}: NAME ENDPOINTS AGE, at most three addresses then "+ N more..." (formatEndpoints). */
final class EndpointsPrinter implements TablePrinter {

    private static final int SHOWN = 3;

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Endpoints", "string", "The set of all endpoints is the union of all subsets."),
        Column.creationAge());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode endpoints, Instant now) {
        return List.of(Fields.name(endpoints), format(endpoints.path("subsets")), Fields.age(endpoints, now));
    }

    static String format(JsonNode subsets) {
        if (subsets.isEmpty()) {
            return Fields.NONE;
        }
        List<String> all = new ArrayList<>();
        for (JsonNode subset : subsets) {
            JsonNode ports = subset.path("ports");
            if (ports.isEmpty()) {
                subset.path("addresses").forEach(address -> all.add(address.path("ip").asString("")));
                continue;
            }
            for (JsonNode port : ports) {
                for (JsonNode address : subset.path("addresses")) {
                    String ip = address.path("ip").asString("");
                    String host = ip.contains(":") ? "[" + ip + "]" : ip;
                    all.add(host + ":" + port.path("port").asLong());
                }
            }
        }
        if (all.isEmpty()) {
            return Fields.NONE;
        }
        String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
        return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
    }
}
