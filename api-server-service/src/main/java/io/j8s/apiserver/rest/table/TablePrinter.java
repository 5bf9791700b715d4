package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one kind prints as table rows: kubectl's column set for it ({@code pkg/printers/internalversion/printers.go})
 * and the cells of one object. The server always fills every column, wide ones included, as kube-apiserver does;
 * kubectl hides priority-1 columns unless asked for {@code -o wide}.
 */
interface TablePrinter {

    List<Column> columns();

    /** One cell per column, in order: strings, integers or booleans. */
    List<Object> cells(ObjectNode object, Instant now);

    /** Row conditions kubectl reads (a completed pod is marked so), none by default. */
    default List<ObjectNode> conditions(ObjectNode object) {
        return List.of();
    }
}
