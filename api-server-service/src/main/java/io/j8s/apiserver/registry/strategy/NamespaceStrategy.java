package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.Objects;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces: created Active with the {@code kubernetes} finalizer, so their content is cleaned up before
 * they go. Their name is a DNS-1123 label ({@code NameRule.forKind("Namespace")}).
 */
public class NamespaceStrategy implements ResourceStrategy {

    public static final String FINALIZER_KUBERNETES = "kubernetes";
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final Set<String> STANDARD_FINALIZERS = Set.of(FINALIZER_KUBERNETES, "orphan", "foregroundDeletion");

    @Override
    public void prepareForCreate(ObjectNode namespace) {
        namespace.putObject("status").put("phase", "Active");
        ObjectNode spec = Fields.ensureObject(namespace, "spec");
        if (spec == null) {
            return;
        }
        ArrayNode finalizers = Fields.array(spec, "finalizers");
        if (finalizers == null) {
            finalizers = spec.putArray("finalizers");
        }
        for (JsonNode f : finalizers) {
            if (f.isString() && f.stringValue().equals(FINALIZER_KUBERNETES)) {
                return;
            }
        }
        finalizers.add(FINALIZER_KUBERNETES);
    }

    /**
     * Status and {@code spec.finalizers} change only through /status and the finalize path, as in
     * Kubernetes; an update keeps the stored ones.
     */
    @Override
    public void prepareForUpdate(ObjectNode namespace, ObjectNode old) {
        ResourceStrategy.super.prepareForUpdate(namespace, old);
        ObjectNode oldSpec = Fields.object(old, "spec");
        ObjectNode spec = Fields.object(namespace, "spec");
        if (oldSpec == null) {
            if (spec != null) {
                spec.remove("finalizers");
            }
            return;
        }
        spec = Fields.ensureObject(namespace, "spec");
        if (spec != null) {
            Objects.copyField(oldSpec, spec, "finalizers");
        }
    }

    /** The name label every namespace carries since Kubernetes 1.22, and phase Active. */
    @Override
    public void applyDefaults(ObjectNode namespace) {
        ObjectNode meta = Fields.object(namespace, "metadata");
        String name = Fields.string(meta, "name");
        if (meta != null && name != null && !name.isEmpty()) {
            ObjectNode labels = Fields.ensureObject(meta, "labels");
            if (labels != null) {
                labels.put(NAME_LABEL, name);
            }
        }
        ObjectNode status = Fields.ensureObject(namespace, "status");
        if (status != null) {
            Fields.defaultString(status, "phase", "Active");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode namespace) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(namespace, "spec", "spec", errs);
        List<String> finalizers = Fields.stringList(spec, "finalizers", "spec.finalizers", errs);
        if (finalizers != null) {
            for (String finalizer : finalizers) {
                // reported at spec.finalizers without an index, as Kubernetes does
                errs.addAll(FieldFormats.invalidEach("spec.finalizers", finalizer, Formats.isQualifiedName(finalizer)));
                if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
                    errs.add(FieldError.invalid("spec.finalizers", finalizer,
                        "name is neither a standard finalizer name nor is it fully qualified"));
                }
            }
        }
        return errs;
    }

    /** Phase Active while the namespace lives, Terminating once its deletion has started. */
    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode namespace, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(namespace));
        String phase = Fields.stringOrEmpty(Fields.object(namespace, "status"), "phase");
        boolean deleting = Fields.has(Fields.object(namespace, "metadata"), "deletionTimestamp");
        if (!deleting && !phase.equals("Active")) {
            errs.add(FieldError.invalid("status.phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
        } else if (deleting && !phase.equals("Terminating")) {
            errs.add(FieldError.invalid("status.phase", phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
        }
        return errs;
    }
}
