package io.j8s.apiserver.rest.table;

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

    static Column of(String name, String type, String description) {
        return new Column(name, type, "", 0, description);
    }

    static Column wide(String name, String type, String description) {
        return new Column(name, type, "", 1, description);
    }
}
