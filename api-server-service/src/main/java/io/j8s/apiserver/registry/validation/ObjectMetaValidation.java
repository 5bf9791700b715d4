package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.common.validation.Formats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of {@code metadata}, the same for every kind (apimachinery's ValidateObjectMeta and
 * ValidateObjectMetaUpdate). The generic store calls it; kind strategies validate only their own fields.
 */
public final class ObjectMetaValidation {

    /** Kubernetes' limit on the summed size of all annotation keys and values: 256 KiB. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

    private static final String FINALIZER_ORPHAN = "orphan";
    private static final String FINALIZER_DELETE_DEPENDENTS = "foregroundDeletion";

    private ObjectMetaValidation() {
    }

    /**
     * Errors in the {@code metadata} of a new object: name (or generateName) present and valid per the kind's
     * {@code rule} ({@link NameRule#forKind}), namespace required for namespaced kinds and forbidden for
     * cluster-scoped ones, labels, annotations (256 KiB in total), ownerReferences and finalizers.
     * Call it once the server has filled in a generated name, on create and on update.
     */
    public static List<FieldError> validate(ObjectNode obj, boolean namespaced, NameRule rule) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode meta = Fields.object(obj, "metadata", "metadata", errs);
        if (meta == null) {
            if (errs.isEmpty()) {
                errs.add(FieldError.required("metadata.name", "name or generateName is required"));
                if (namespaced) {
                    errs.add(FieldError.required("metadata.namespace"));
                }
            }
            return errs;
        }

        String name = Fields.string(meta, "name", "metadata.name", errs);
        String generateName = Fields.string(meta, "generateName", "metadata.generateName", errs);
        if (generateName != null && !generateName.isEmpty()) {
            errs.addAll(FieldFormats.invalidEach("metadata.generateName", generateName, rule.validate(generateName, true)));
        }
        if (name == null || name.isEmpty()) {
            if (generateName == null || generateName.isEmpty()) {
                errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            }
        } else {
            errs.addAll(FieldFormats.invalidEach("metadata.name", name, rule.validate(name, false)));
        }

        String namespace = Fields.string(meta, "namespace", "metadata.namespace", errs);
        if (namespaced) {
            if (namespace == null || namespace.isEmpty()) {
                errs.add(FieldError.required("metadata.namespace"));
            } else {
                errs.addAll(FieldFormats.validateDns1123Label(namespace, "metadata.namespace"));
            }
        } else if (namespace != null && !namespace.isEmpty()) {
            errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }

        Fields.integer(meta, "generation", "metadata.generation", errs);
        errs.addAll(validateLabels(meta.get("labels"), "metadata.labels"));
        errs.addAll(validateAnnotations(meta.get("annotations"), "metadata.annotations"));
        errs.addAll(validateOwnerReferences(meta.get("ownerReferences"), "metadata.ownerReferences"));
        errs.addAll(validateFinalizers(meta.get("finalizers"), "metadata.finalizers"));
        return errs;
    }

    /**
     * Errors in the {@code metadata} of an update: name, namespace, uid and creationTimestamp may not change
     * ({@code field is immutable}). (The store itself refuses new finalizers once deletion has started.) Only the differences
     * between the two objects: call {@link #validate} on the new object as well, or use the four-argument form.
     * An update that leaves out uid or creationTimestamp is not a change (Kubernetes copies them from the
     * stored object first).
     */
    public static List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode meta = Fields.object(obj, "metadata");
        JsonNode oldMeta = Fields.object(old, "metadata");
        immutable(errs, meta, oldMeta, "name", false);
        immutable(errs, meta, oldMeta, "namespace", false);
        immutable(errs, meta, oldMeta, "uid", true);
        immutable(errs, meta, oldMeta, "creationTimestamp", true);
        return errs;
    }

    /** {@link #validate} of the new object plus {@link #validateUpdate}: everything an update of metadata needs. */
    public static List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old, boolean namespaced, NameRule rule) {
        List<FieldError> errs = new ArrayList<>(validate(obj, namespaced, rule));
        errs.addAll(validateUpdate(obj, old));
        return errs;
    }

    /** Label keys are qualified names and values valid label values; errors carry the map's path. */
    public static List<FieldError> validateLabels(JsonNode labels, String path) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> map = Fields.stringMap(labels, path, errs);
        if (map == null) {
            return errs;
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            errs.addAll(FieldFormats.validateLabelName(e.getKey(), path));
            errs.addAll(FieldFormats.validateLabelValue(e.getValue(), path));
        }
        return errs;
    }

    /** Annotation keys are qualified names (checked in lower case); all keys and values together at most 256 KiB. */
    public static List<FieldError> validateAnnotations(JsonNode annotations, String path) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, String> map = Fields.stringMap(annotations, path, errs);
        if (map == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            errs.addAll(FieldFormats.invalidEach(path, e.getKey(), Formats.isQualifiedName(e.getKey().toLowerCase(Locale.ROOT))));
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
            errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
        }
        return errs;
    }

    /** apiVersion (with a version), kind, name and uid required; at most one controller reference. */
    public static List<FieldError> validateOwnerReferences(JsonNode refs, String path) {
        List<FieldError> errs = new ArrayList<>();
        String firstController = null;
        // Kubernetes reports these at metadata.ownerReferences.<field>, without the index
        for (Fields.IndexedObject ref : Fields.objects(refs, path, errs)) {
            ObjectNode r = ref.node();
            String apiVersion = Fields.stringOrEmpty(r, "apiVersion");
            String kind = Fields.stringOrEmpty(r, "kind");
            String name = Fields.stringOrEmpty(r, "name");
            String uid = Fields.stringOrEmpty(r, "uid");
            if (version(apiVersion).isEmpty()) {
                errs.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
            }
            if (kind.isEmpty()) {
                errs.add(FieldError.invalid(path + ".kind", kind, "kind must not be empty"));
            }
            if (name.isEmpty()) {
                errs.add(FieldError.invalid(path + ".name", name, "name must not be empty"));
            }
            if (uid.isEmpty()) {
                errs.add(FieldError.invalid(path + ".uid", uid, "uid must not be empty"));
            }
            JsonNode controller = r.get("controller");
            if (controller != null && controller.isBoolean() && controller.booleanValue()) {
                String current = kind + "/" + name;
                if (firstController != null) {
                    errs.add(FieldError.invalid(path, GoFormat.of(refs.toString()),
                        "Only one reference can have Controller set to true. Found \"true\" in references for "
                            + firstController + " and " + current));
                } else {
                    firstController = current;
                }
            }
        }
        return errs;
    }

    /** Each finalizer a qualified name; {@code orphan} and {@code foregroundDeletion} not both. */
    public static List<FieldError> validateFinalizers(JsonNode finalizers, String path) {
        List<FieldError> errs = new ArrayList<>();
        List<String> list = Fields.stringList(finalizers, path, errs);
        if (list == null) {
            return errs;
        }
        for (String finalizer : list) {
            errs.addAll(FieldFormats.invalidEach(path, finalizer, Formats.isQualifiedName(finalizer)));
        }
        if (list.contains(FINALIZER_ORPHAN) && list.contains(FINALIZER_DELETE_DEPENDENTS)) {
            errs.add(FieldError.invalid(path, GoFormat.stringSlice(list),
                "finalizer " + FINALIZER_ORPHAN + " and " + FINALIZER_DELETE_DEPENDENTS + " cannot be both set"));
        }
        return errs;
    }

    private static void immutable(List<FieldError> errs, JsonNode meta, JsonNode oldMeta, String field,
                                  boolean absentMeansUnchanged) {
        JsonNode now = meta == null ? null : meta.get(field);
        JsonNode before = oldMeta == null ? null : oldMeta.get(field);
        if (absentMeansUnchanged && (now == null || now.isNull())) {
            return;
        }
        if (!JsonTrees.semanticEqual(now, before)) {
            Object value = now == null || now.isNull() ? "" : now.isString() ? now.stringValue() : GoFormat.of(now.toString());
            errs.add(FieldError.invalid("metadata." + field, value, Formats.FIELD_IMMUTABLE_ERROR_MSG));
        }
    }

    // the version of "group/version" or "version"; "" when missing or malformed
    private static String version(String apiVersion) {
        String[] parts = apiVersion.split("/", -1);
        if (parts.length == 1) {
            return parts[0];
        }
        return parts.length == 2 ? parts[1] : "";
    }
}
