package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME
 * (printEvent).
 */
final class EventPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.of("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
        Column.of("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
        Column.of("Reason", "string", "This should be a short, machine understandable string that gives the reason "
            + "for the transition into the object's current status."),
        Column.of("Object", "string", "The object that this event is about."),
        Column.wide("Subobject", "string", "If referring to a piece of an object instead of an entire object, this "
            + "string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
        Column.wide("Source", "string", "The component reporting this event. Should be a short machine "
            + "understandable string."),
        Column.of("Message", "string", "A human-readable description of the status of this operation."),
        Column.wide("First Seen", "string", "The time at which the event was first recorded. (Time of server "
            + "receipt is in TypeMeta.)"),
        Column.wide("Count", "string", "The number of times this event has occurred."),
        new Column("Name", "string", "name", 1, "Name must be unique within a namespace."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode event, Instant now) {
        String first = Fields.text(event, "firstTimestamp");
        String firstSeen = first.isEmpty()
            ? HumanDuration.since(Fields.text(event, "eventTime"), now) : HumanDuration.since(first, now);
        String last = Fields.text(event, "lastTimestamp");
        String lastSeen = last.isEmpty() ? firstSeen : HumanDuration.since(last, now);
        long count = event.path("count").asLong(0);
        JsonNode series = event.path("series");
        if (series.isObject()) {
            lastSeen = HumanDuration.since(series.path("lastObservedTime").asString(""), now);
            count = series.path("count").asLong(0);
        } else if (count == 0) {
            count = 1;
        }
        JsonNode involved = event.path("involvedObject");
        String kind = involved.path("kind").asString("").toLowerCase(Locale.ROOT);
        String name = involved.path("name").asString("");
        List<Object> cells = new ArrayList<>();
        cells.add(lastSeen);
        cells.add(Fields.text(event, "type"));
        cells.add(Fields.text(event, "reason"));
        cells.add(name.isEmpty() ? kind : kind + "/" + name);
        cells.add(involved.path("fieldPath").asString(""));
        cells.add(source(event));
        cells.add(Fields.text(event, "message").strip());
        cells.add(firstSeen);
        cells.add(count);
        cells.add(Fields.name(event));
        return cells;
    }

    /** formatEventSource: "component, host", falling back to the reporting controller and instance. */
    private static String source(JsonNode event) {
        String component = Fields.text(event, "source", "component");
        String host = Fields.text(event, "source", "host");
        if (component.isEmpty()) {
            component = Fields.text(event, "reportingComponent");
            host = Fields.text(event, "reportingInstance");
        }
        return host.isEmpty() ? component : component + ", " + host;
    }
}
