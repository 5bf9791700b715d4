package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get namespaces}: NAME STATUS AGE. */
final class NamespacePrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Status", "string", "The status of the namespace"),
        Column.creationAge());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode namespace, Instant now) {
        return List.of(Fields.name(namespace), Fields.text(namespace, "status", "phase"), Fields.age(namespace, now));
    }
}
