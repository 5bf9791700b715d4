package io.j8s.apiserver.registry;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between kinds when an object is written (after Kubernetes' per-resource strategy.go): one
 * small stateless class per kind on top of the one generic store. The generic store has already set the
 * server-owned metadata (uid, creationTimestamp, generation, resourceVersion) and validated
 * {@code metadata} (names, labels, annotations) before it calls these.
 */
public interface ResourceStrategy {

    /** Create: clear or initialise what a client may not set on create (usually status). */
    default void prepareForCreate(ObjectNode object) {
    }

    /**
     * Update of the main resource: keep what the main endpoint may not change. By default the status is
     * carried over from {@code old}, so only /status writes change it.
     */
    default void prepareForUpdate(ObjectNode object, ObjectNode old) {
        Objects.copyField(old, object, "status");
    }

    /**
     * A /status write: besides status (already copied into {@code updated}), what of {@code requested} the kind lets
     * through. Nothing by default.
     */
    default void prepareForStatusUpdate(ObjectNode updated, ObjectNode requested) {
    }

    /** Kubernetes defaults (restartPolicy Always, protocol TCP, RollingUpdate 25%/25%, ...), in place. */
    default void applyDefaults(ObjectNode object) {
    }

    /** Field errors of a new object (after defaults); empty when valid. */
    List<FieldError> validate(ObjectNode object);

    /** Field errors of an update (after defaults), including fields that may not change. */
    default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
        return validate(object);
    }

    /** Field errors of a /status write; by default the whole object is validated. */
    default List<FieldError> validateStatusUpdate(ObjectNode object, ObjectNode old) {
        return validateUpdate(object, old);
    }
}
