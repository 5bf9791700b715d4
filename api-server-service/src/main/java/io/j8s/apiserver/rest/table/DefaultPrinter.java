package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Kinds without their own printer: NAME and CREATED AT, as kube-apiserver's default table convertor. */
final class DefaultPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        new Column("Created At", "date", "", 0, "CreationTimestamp is a timestamp representing the server time when "
            + "this object was created."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        return List.of(Fields.name(object), Fields.text(object, "metadata", "creationTimestamp"));
    }
}
