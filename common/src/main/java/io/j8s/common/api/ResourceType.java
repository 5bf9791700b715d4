package io.j8s.common.api;

import io.j8s.common.api.meta.KubeObject;
import java.util.List;

/**
 * Everything needed to address one kind over the API: its group/version, resource names and Java
 * type. The API server builds its routes and discovery documents from these, the client its URLs.
 *
 * @param group      API group, {@code ""} for the core group
 * @param plural     the resource name in URLs ({@code pods}, {@code endpoints})
 * @param shortNames what kubectl accepts instead of the plural ({@code po}, {@code deploy})
 * @param categories groups such as {@code all} that {@code kubectl get all} expands
 */
public record ResourceType<T extends KubeObject<T>>(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        String listKind,
        boolean namespaced,
        Class<T> javaType,
        List<String> shortNames,
        List<String> categories) {

    public ResourceType {
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public boolean isCoreGroup() {
        return group.isEmpty();
    }

    /** {@code v1} for the core group, {@code apps/v1} otherwise. */
    public String apiVersion() {
        return isCoreGroup() ? version : group + "/" + version;
    }

    /** {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return isCoreGroup() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /**
     * The collection path: {@code /api/v1/namespaces/ns/pods}; for a null namespace on a namespaced
     * kind the across-all-namespaces path {@code /api/v1/pods}; cluster-scoped kinds ignore it.
     */
    public String basePath(String namespace) {
        if (namespaced && namespace != null && !namespace.isEmpty()) {
            return groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
        }
        return groupVersionPath() + "/" + plural;
    }

    /** The path of one object: {@code /apis/apps/v1/namespaces/ns/deployments/web}. */
    public String path(String namespace, String name) {
        if (namespaced && (namespace == null || namespace.isEmpty())) {
            throw new IllegalArgumentException(plural + " are namespaced: a namespace is required to address " + name);
        }
        return basePath(namespace) + "/" + name;
    }
}
