package io.j8s.common.informer;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.OwnerReference;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Names and functions of the indexes controllers use. Label lookups need no index:
 * {@link Cache#list(String, io.j8s.common.labels.Selector)}.
 */
public final class Indexes {

    /** Objects by namespace; every informer registers it. */
    public static final String NAMESPACE = "namespace";
    /** Pods by the node they are bound to ({@link #podNodeName()}). */
    public static final String NODE_NAME = "spec.nodeName";
    /** Objects by the uid of each of their owners ({@link #ownerUids()}). */
    public static final String OWNER_UID = "ownerUid";

    private Indexes() {
    }

    /** The namespace of an object; cluster-scoped objects are not indexed. */
    static <T extends KubeObject<T>> Function<T, List<String>> namespace() {
        return obj -> {
            String namespace = obj.namespace();
            return namespace == null || namespace.isEmpty() ? List.of() : List.of(namespace);
        };
    }

    /** A pod's {@code spec.nodeName}; unscheduled pods are not indexed. */
    public static Function<Pod, List<String>> podNodeName() {
        return pod -> {
            String node = pod.spec() == null ? null : pod.spec().nodeName();
            return node == null || node.isEmpty() ? List.of() : List.of(node);
        };
    }

    /** The uid of every ownerReference, controller or not. */
    public static <T extends KubeObject<T>> Function<T, List<String>> ownerUids() {
        return obj -> obj.metadata() == null ? List.of()
                : obj.metadata().ownerReferencesOrEmpty().stream()
                        .map(OwnerReference::uid)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
    }
}
