package io.j8s.apiserver.rest.table;

import java.util.List;

/**
 * One column of a {@code meta.k8s.io/v1} Table: kubectl prints {@code name} upper-cased as the header and
 * shows priority-1 columns only with {@code -o wide}.
 */
public record Column(String name, String type, String format, int priority, String description) {

    static Column objectName() {
        return new Column("Name", "string", "name", 0,
            "Name must be unique within a namespace. Is required when creating resources, although some resources "
                + "may allow a client to request the generation of an appropriate name automatically.");
    }

    static Column creationAge() {
        return new Column("Age", "string", "", 0,
            "CreationTimestamp is a timestamp representing the server time when this object was created.");
    }

    /** The wide columns of kinds with a pod template (Deployment, ReplicaSet): its containers' names and images. */
    static List<Column> templateContainers() {
        return List.of(wide("Containers", "string", "Names of each container in the template."),
            wide("Images", "string", "Images referenced by each container in the template."));
    }

    static Column of(String name, String type, String description) {
        return new Column(name, type, "", 0, description);
    }

    static Column wide(String name, String type, String description) {
        return new Column(name, type, "", 1, description);
    }
}
