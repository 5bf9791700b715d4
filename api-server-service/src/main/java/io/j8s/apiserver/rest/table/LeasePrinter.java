package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get leases}: NAME HOLDER AGE. */
final class LeasePrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
        Column.objectName(),
        Column.of("Holder", "string", "The holder of the lease"),
        Column.creationAge());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode lease, Instant now) {
        return List.of(Fields.name(lease), Fields.text(lease, "spec", "holderIdentity"), Fields.age(lease, now));
    }
}
