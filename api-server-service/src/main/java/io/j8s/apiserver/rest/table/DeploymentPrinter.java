package io.j8s.apiserver.rest.table;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE | CONTAINERS IMAGES SELECTOR. */
final class DeploymentPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = Stream.of(List.of(
        Column.objectName(),
        Column.of("Ready", "string", "Number of the pod with ready state"),
        Column.of("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that "
            + "have the desired template spec."),
        Column.of("Available", "string", "Total number of available pods (ready for at least minReadySeconds) "
            + "targeted by this deployment."),
        Column.creationAge()),
        Column.templateContainers(),
        List.of(Column.wide("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected "
            + "by this will be the ones affected by this deployment.")))
        .flatMap(List::stream).toList();

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode deployment, Instant now) {
        JsonNode status = deployment.path("status");
        List<String> containers = Fields.containersAndImages(Fields.at(deployment, "spec", "template", "spec"));
        return List.of(
            Fields.name(deployment),
            status.path("readyReplicas").asLong(0) + "/" + Fields.number(deployment, "spec", "replicas"),
            status.path("updatedReplicas").asLong(0),
            status.path("availableReplicas").asLong(0),
            Fields.age(deployment, now),
            containers.get(0),
            containers.get(1),
            Fields.selector(Fields.at(deployment, "spec", "selector")));
    }
}
