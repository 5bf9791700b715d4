package io.j8s.apiserver.store;

/** Which part of an object a write may change. */
public enum Subresource {
    /** The main endpoint: spec and metadata; status is kept as stored. */
    MAIN,
    /** {@code /status}: only status; everything else is kept as stored. */
    STATUS,
    /** {@code namespaces/{name}/finalize}: only {@code spec.finalizers}. */
    FINALIZE
}
