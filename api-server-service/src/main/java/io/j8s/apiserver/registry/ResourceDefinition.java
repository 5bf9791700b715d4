package io.j8s.apiserver.registry;

import io.j8s.common.api.ResourceType;
import java.util.List;

/**
 * One kind as the API server serves it: its type (group, version, plural, kind, scope), the names kubectl
 * knows it by, its subresources, where it is stored and the strategy that defaults and validates it.
 */
public record ResourceDefinition(
    ResourceType<?> type,
    List<String> shortNames,
    List<String> categories,
    boolean hasStatus,
    boolean hasScale,
    StorageKind storageKind,
    ResourceStrategy strategy) {

    /**
     * etcd holds everything but Events, which are high-volume and short-lived and live in Redis; the review kinds
     * (SelfSubjectAccessReview, ...) are answered and never stored.
     */
    public enum StorageKind { ETCD, REDIS, NONE }

    public static final List<String> VERBS =
        List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** Kinds that are answered and never stored (the reviews): only created, never listed or read back. */
    public boolean createOnly() {
        return storageKind == StorageKind.NONE;
    }

    /** The verbs discovery lists: all of them, or only {@code create} for kinds that are never stored. */
    public List<String> verbs() {
        return createOnly() ? List.of("create") : VERBS;
    }

    public String group() {
        return type.group();
    }

    public String version() {
        return type.version();
    }

    public String plural() {
        return type.plural();
    }

    public String kind() {
        return type.kind();
    }

    public boolean namespaced() {
        return type.namespaced();
    }

    public String apiVersion() {
        return type.apiVersion();
    }

    /** {@code pods} for the core group, {@code deployments.apps} otherwise, as Kubernetes names resources in messages. */
    public String qualifiedName() {
        return group().isEmpty() ? plural() : plural() + "." + group();
    }

    /** etcd key prefix of every object of this kind: {@code /registry/pods/}. */
    public String keyPrefix() {
        return "/registry/" + plural() + "/";
    }

    /** Prefix of the objects in one namespace, or of every object when {@code namespace} is null. */
    public String keyPrefix(String namespace) {
        return namespaced() && namespace != null ? keyPrefix() + namespace + "/" : keyPrefix();
    }

    public String key(String namespace, String name) {
        return namespaced() ? keyPrefix() + namespace + "/" + name : keyPrefix() + name;
    }
}
