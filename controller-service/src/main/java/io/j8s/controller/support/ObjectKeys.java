package io.j8s.controller.support;

/** Splits the {@code namespace/name} keys of caches and work queues (Go's cache.SplitMetaNamespaceKey). */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    /** The namespace of a key, or null for a cluster-scoped key (one without a slash). */
    public static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? null : key.substring(0, slash);
    }

    /** The name of a key. */
    public static String name(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    /** {@code namespace/name}, or {@code name} when the namespace is null or empty. */
    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
