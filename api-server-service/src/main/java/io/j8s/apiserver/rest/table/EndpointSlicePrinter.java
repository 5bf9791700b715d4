package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get endpointslices}: NAME ADDRESSTYPE PORTS ENDPOINTS AGE (printEndpointSlice): at most three ports
 * and three addresses, then "+ N more...", and {@code <unset>} for none.
 */
final class EndpointSlicePrinter implements TablePrinter {

    private static final int SHOWN = 3;
    private static final String UNSET = "<unset>";

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice. "
            + "All addresses in this slice must be the same type. This field is immutable after creation. The following "
            + "address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 "
            + "Address. * FQDN: Represents a Fully Qualified Domain Name."),
        Column.of("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice. "
            + "Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When "
            + "a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of "
            + "100 ports."),
        Column.of("Endpoints", "string", "endpoints is a list of unique endpoints in this slice. Each slice may include "
            + "a maximum of 1000 endpoints."),
        Column.creationAge());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode slice, Instant now) {
        return List.of(Fields.name(slice), Fields.text(slice, "addressType"), ports(slice.path("ports")),
            endpoints(slice.path("endpoints")), Fields.age(slice, now));
    }

    /** formatDiscoveryPorts: the port number, else its name, else "*" (all ports). */
    static String ports(JsonNode ports) {
        List<String> all = new ArrayList<>();
        for (JsonNode port : ports) {
            JsonNode number = port.path("port");
            JsonNode name = port.path("name");
            all.add(number.isIntegralNumber() ? String.valueOf(number.asLong())
                : name.isString() ? name.asString() : "*");
        }
        return listWithMore(all);
    }

    /** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
    static String endpoints(JsonNode endpoints) {
        List<String> all = new ArrayList<>();
        for (JsonNode endpoint : endpoints) {
            endpoint.path("addresses").forEach(address -> all.add(address.asString("")));
        }
        return listWithMore(all);
    }

    private static String listWithMore(List<String> all) {
        if (all.isEmpty()) {
            return UNSET;
        }
        String shown = String.join(",", all.subList(0, Math.min(SHOWN, all.size())));
        return all.size() > SHOWN ? shown + " + " + (all.size() - SHOWN) + " more..." : shown;
    }
}
