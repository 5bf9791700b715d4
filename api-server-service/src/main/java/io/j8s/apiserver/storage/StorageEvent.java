package io.j8s.apiserver.storage;

import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change under a watched prefix. For PUT, {@link #object()} is the new state and {@link #previous()} the old
 * one (null when the key was created); for DELETE, {@code object} is null and {@code previous} is the last
 * state, with the deletion's revision as its resourceVersion. PROGRESS carries only a revision up to which
 * everything has been delivered.
 *
 * <p>The watch cache hands one event to every watcher of a kind, so its objects are decoded at most once, on first
 * use, and are shared: readers must never modify them (copy first).
 */
public final class StorageEvent {

    public enum Type { PUT, DELETE, PROGRESS }

    private final Type type;
    private final long revision;
    private final Lazy object;
    private final Lazy previous;

    public StorageEvent(Type type, ObjectNode object, ObjectNode previous, long revision) {
        this(type, object == null ? null : () -> object, previous == null ? null : () -> previous, revision);
    }

    private StorageEvent(Type type, Supplier<ObjectNode> object, Supplier<ObjectNode> previous, long revision) {
        this.type = type;
        this.revision = revision;
        this.object = object == null ? null : new Lazy(object);
        this.previous = previous == null ? null : new Lazy(previous);
    }

    /** An event whose objects are decoded when first asked for (null suppliers: no such object). */
    static StorageEvent lazy(Type type, Supplier<ObjectNode> object, Supplier<ObjectNode> previous, long revision) {
        return new StorageEvent(type, object, previous, revision);
    }

    public static StorageEvent progress(long revision) {
        return new StorageEvent(Type.PROGRESS, (Supplier<ObjectNode>) null, null, revision);
    }

    public Type type() {
        return type;
    }

    public ObjectNode object() {
        return object == null ? null : object.get();
    }

    public ObjectNode previous() {
        return previous == null ? null : previous.get();
    }

    public long revision() {
        return revision;
    }

    public boolean isCreate() {
        return type == Type.PUT && previous == null;
    }

    @Override
    public String toString() {
        return "StorageEvent[" + type + " at " + revision + "]";
    }

    /** A value computed once, by whichever thread asks first. */
    private static final class Lazy {
        private Supplier<ObjectNode> supplier;
        private volatile ObjectNode value;

        Lazy(Supplier<ObjectNode> supplier) {
            this.supplier = supplier;
        }

        ObjectNode get() {
            ObjectNode result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = supplier.get();
                        value = result;
                        supplier = null;
                    }
                }
            }
            return result;
        }
    }
}
