package io.j8s.apiserver.store;

import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of a delete: the object as last stored, and whether it is gone or still pending (waiting for
 * finalizers or for the node agent to confirm a graceful pod deletion).
 */
public record DeleteResult(ObjectNode object, boolean pending) {
}
