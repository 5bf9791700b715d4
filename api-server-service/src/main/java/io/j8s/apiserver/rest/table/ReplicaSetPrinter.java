package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE | CONTAINERS IMAGES SELECTOR. */
final class ReplicaSetPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = Stream.of(List.of(
        Column.objectName(),
        Column.of("Desired", "integer", "Replicas is the number of desired pods."),
        Column.of("Current", "integer", "Replicas is the most recently observed number of non-terminating pods."),
        Column.of("Ready", "integer", "The number of non-terminating pods targeted by this ReplicaSet with a Ready "
            + "Condition."),
        Column.creationAge()),
        Column.templateContainers(),
        List.of(Column.wide("Selector", "string", "Selector is a label query over pods that should match the replica "
            + "count.")))
        .flatMap(List::stream).toList();

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode replicaSet, Instant now) {
        JsonNode status = replicaSet.path("status");
        List<String> containers = Fields.containersAndImages(Fields.at(replicaSet, "spec", "template", "spec"));
        return List.of(
            Fields.name(replicaSet),
            Fields.number(replicaSet, "spec", "replicas"),
            status.path("replicas").asLong(0),
            status.path("readyReplicas").asLong(0),
            Fields.age(replicaSet, now),
            containers.get(0),
            containers.get(1),
            Fields.selector(Fields.at(replicaSet, "spec", "selector")));
    }
}
