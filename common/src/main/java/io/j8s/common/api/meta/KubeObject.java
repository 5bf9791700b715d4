package io.j8s.common.api.meta;

/**
 * A top-level Kubernetes object: something with apiVersion, kind and metadata that the API server
 * stores. Lets generic code (client, informers, stores) read names and write metadata of any kind.
 */
public interface KubeObject<T extends KubeObject<T>> {

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    T withMetadata(ObjectMeta metadata);

    /** The object's namespace, or null for cluster-scoped objects (and objects without metadata). */
    default String namespace() {
        return metadata() == null ? null : metadata().namespace();
    }

    default String name() {
        return metadata() == null ? null : metadata().name();
    }
}
