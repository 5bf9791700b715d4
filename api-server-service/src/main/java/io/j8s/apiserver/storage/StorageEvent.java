package io.j8s.apiserver.storage;

import tools.jackson.databind.node.ObjectNode;

/**
 * A change under a watched prefix. For PUT, {@code object} is the new state and {@code previous} the old
 * one (null when the key was created); for DELETE, {@code object} is null and {@code previous} is the last
 * state, with the deletion's revision as its resourceVersion. PROGRESS carries only a revision up to which
 * everything has been delivered.
 */
public record StorageEvent(Type type, ObjectNode object, ObjectNode previous, long revision) {

    public enum Type { PUT, DELETE, PROGRESS }

    public static StorageEvent progress(long revision) {
        return new StorageEvent(Type.PROGRESS, null, null, revision);
    }

    public boolean isCreate() {
        return type == Type.PUT && previous == null;
    }
}
