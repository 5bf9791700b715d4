package io.j8s.apiserver.rest.table;

import io.j8s.apiserver.rest.ApiException;
import io.j8s.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What shape a read answers in, negotiated from the Accept header as kube-apiserver does: the object itself, a
 * {@code meta.k8s.io} Table (what {@code kubectl get} asks for with
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io}), or PartialObjectMetadata (what metadata-only clients ask
 * for). The client's media types are tried in the order it sent them; protobuf is never chosen, so a client
 * offering protobuf and JSON gets JSON, and anything else (Server-Sent Events watches) gets the objects.
 *
 * @param shape      the answer's shape
 * @param apiVersion {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1} for tables and partial metadata
 * @param include    for tables, what each row's {@code object} carries ({@code includeObject}: None, Metadata, Object)
 */
public record ResponseView(Shape shape, String apiVersion, Include include) {

    public enum Shape { OBJECT, TABLE, PARTIAL_METADATA }

    public enum Include { NONE, METADATA, OBJECT }

    private static final ResponseView OBJECT = new ResponseView(Shape.OBJECT, null, Include.OBJECT);

    private static final Map<String, TablePrinter> PRINTERS = Map.of(
        "Pod", new PodPrinter(),
        "Deployment", new DeploymentPrinter(),
        "ReplicaSet", new ReplicaSetPrinter(),
        "Service", new ServicePrinter(),
        "Endpoints", new EndpointsPrinter(),
        "Node", new NodePrinter(),
        "Namespace", new NamespacePrinter(),
        "Event", new EventPrinter(),
        "Lease", new LeasePrinter());
    private static final TablePrinter DEFAULT_PRINTER = new DefaultPrinter();

    public static ResponseView negotiate(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(request.headers().header(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException e) {
            return OBJECT;
        }
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.getSubtype().equals("*")) {
                return OBJECT;
            }
            if (!type.getType().equals("application") || !type.getSubtype().equals("json")) {
                continue; // protobuf, yaml, cbor: not served, try the next one
            }
            String as = type.getParameter("as");
            if (as == null) {
                return OBJECT;
            }
            String version = type.getParameter("v");
            if (!"meta.k8s.io".equals(type.getParameter("g")) || !("v1".equals(version) || "v1beta1".equals(version))) {
                continue;
            }
            if (as.equals("Table")) {
                return new ResponseView(Shape.TABLE, "meta.k8s.io/" + version, include(request));
            }
            if (as.equals("PartialObjectMetadata") || as.equals("PartialObjectMetadataList")) {
                return new ResponseView(Shape.PARTIAL_METADATA, "meta.k8s.io/" + version, Include.METADATA);
            }
        }
        // Nothing else asked for (text/event-stream watches, protobuf only, yaml): the objects themselves, as JSON.
        return OBJECT;
    }

    private static Include include(ServerRequest request) {
        String value = request.queryParam("includeObject").orElse("");
        return switch (value) {
            case "", "Metadata" -> Include.METADATA;
            case "None" -> Include.NONE;
            case "Object" -> Include.OBJECT;
            default -> throw ApiException.badRequest("includeObject: Unsupported value: \"" + value
                + "\": supported values: \"Metadata\", \"None\", \"Object\"");
        };
    }

    public boolean isObject() {
        return shape == Shape.OBJECT;
    }

    /** The Content-Type of the answer: JSON, with the as/g/v parameters for the transformed shapes. */
    public String contentType() {
        if (shape == Shape.OBJECT) {
            return MediaType.APPLICATION_JSON_VALUE;
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String as = shape == Shape.TABLE ? "Table" : "PartialObjectMetadata";
        return "application/json;as=" + as + ";v=" + version + ";g=meta.k8s.io";
    }

    /** A list ({@code {"kind":"PodList","metadata":..,"items":[..]}}) in this view. */
    public JsonNode list(String kind, ObjectNode list) {
        if (shape == Shape.OBJECT) {
            return list;
        }
        JsonNode items = list.path("items");
        if (shape == Shape.PARTIAL_METADATA) {
            ObjectNode partial = Json.mapper().createObjectNode();
            partial.put("kind", "PartialObjectMetadataList").put("apiVersion", apiVersion);
            partial.set("metadata", list.path("metadata").deepCopy());
            ArrayNode partialItems = partial.putArray("items");
            items.forEach(item -> partialItems.add(partialMetadata((ObjectNode) item)));
            return partial;
        }
        return table(kind, (ObjectNode) list.path("metadata"), items, true);
    }

    /** One object in this view: itself, a Table of one row, or its PartialObjectMetadata. */
    public JsonNode object(String kind, ObjectNode object) {
        return switch (shape) {
            case OBJECT -> object;
            case PARTIAL_METADATA -> partialMetadata(object);
            case TABLE -> {
                ObjectNode meta = Json.mapper().createObjectNode();
                meta.put("resourceVersion", object.path("metadata").path("resourceVersion").asString(""));
                yield table(kind, meta, Json.mapper().createArrayNode().add(object), true);
            }
        };
    }

    /**
     * The object of one watch event. Table watches carry a one-row Table per event; the column definitions come
     * with every event, which kubectl's printer accepts (it prints headers only when they change).
     */
    public ObjectNode watchObject(String kind, ObjectNode object) {
        return (ObjectNode) object(kind, object);
    }

    private ObjectNode table(String kind, ObjectNode listMeta, JsonNode items, boolean withColumns) {
        TablePrinter printer = PRINTERS.getOrDefault(kind, DEFAULT_PRINTER);
        Instant now = Instant.now();
        ObjectNode table = Json.mapper().createObjectNode();
        table.put("kind", "Table").put("apiVersion", apiVersion);
        ObjectNode meta = table.putObject("metadata");
        copyIfPresent(listMeta, meta, "resourceVersion");
        copyIfPresent(listMeta, meta, "continue");
        copyIfPresent(listMeta, meta, "remainingItemCount");
        ArrayNode columns = table.putArray("columnDefinitions");
        if (withColumns) {
            for (Column column : printer.columns()) {
                columns.addObject().put("name", column.name()).put("type", column.type()).put("format", column.format())
                    .put("description", column.description()).put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode item : items) {
            ObjectNode object = (ObjectNode) item;
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(object, now)) {
                if (cell instanceof Long number) {
                    cells.add(number);
                } else if (cell instanceof Integer number) {
                    cells.add(number);
                } else if (cell instanceof Boolean bool) {
                    cells.add(bool);
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            List<ObjectNode> conditions = printer.conditions(object);
            if (!conditions.isEmpty()) {
                ArrayNode rowConditions = row.putArray("conditions");
                conditions.forEach(rowConditions::add);
            }
            switch (include) {
                case OBJECT -> row.set("object", object);
                case METADATA -> row.set("object", partialMetadata(object));
                case NONE -> row.putNull("object");
            }
        }
        return table;
    }

    private ObjectNode partialMetadata(ObjectNode object) {
        ObjectNode partial = Json.mapper().createObjectNode();
        partial.put("kind", "PartialObjectMetadata").put("apiVersion", apiVersion);
        JsonNode meta = object.path("metadata");
        partial.set("metadata", meta.isObject() ? meta.deepCopy() : Json.mapper().createObjectNode());
        return partial;
    }

    private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(field, value.deepCopy());
        }
    }
}
