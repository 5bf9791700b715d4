package io.j8s.common.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.j8s.common.json.Extra;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** metav1.ObjectMeta. Times are RFC 3339 strings, exactly as they travel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String uid,
        String resourceVersion,
        Long generation,
        String creationTimestamp,
        String deletionTimestamp,
        Long deletionGracePeriodSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<OwnerReference> ownerReferences,
        List<String> finalizers,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ObjectMeta {
        extra = Extra.copyOf(extra);
    }

    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Metadata of a cluster-scoped object. */
    public static ObjectMeta named(String name) {
        return of(null, name);
    }

    /** The key informers and work queues use: {@code namespace/name}, or {@code name} when cluster-scoped. */
    public String key() {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    public Map<String, String> annotationsOrEmpty() {
        return annotations == null ? Map.of() : annotations;
    }

    public List<OwnerReference> ownerReferencesOrEmpty() {
        return ownerReferences == null ? List.of() : ownerReferences;
    }

    public List<String> finalizersOrEmpty() {
        return finalizers == null ? List.of() : finalizers;
    }

    /** The owner reference with {@code controller: true}, as Go's metav1.GetControllerOf. */
    public Optional<OwnerReference> controllerRef() {
        return ownerReferencesOrEmpty().stream().filter(r -> Boolean.TRUE.equals(r.controller())).findFirst();
    }

    public boolean beingDeleted() {
        return deletionTimestamp != null;
    }

    public ObjectMeta withName(String value) {
        return new ObjectMeta(value, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withGenerateName(String value) {
        return new ObjectMeta(name, value, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withNamespace(String value) {
        return new ObjectMeta(name, generateName, value, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withUid(String value) {
        return new ObjectMeta(name, generateName, namespace, value, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withResourceVersion(String value) {
        return new ObjectMeta(name, generateName, namespace, uid, value, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withGeneration(Long value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, value, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withCreationTimestamp(String value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, value,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withDeletionTimestamp(String value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                value, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withDeletionGracePeriodSeconds(Long value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, value, labels, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withLabels(Map<String, String> value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, value, annotations, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withAnnotations(Map<String, String> value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, value, ownerReferences, finalizers, extra);
    }

    public ObjectMeta withOwnerReferences(List<OwnerReference> value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, value, finalizers, extra);
    }

    public ObjectMeta withFinalizers(List<String> value) {
        return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, value, extra);
    }
}
