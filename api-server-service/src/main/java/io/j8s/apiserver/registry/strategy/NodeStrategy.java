package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.GoFormat;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import io.j8s.apiserver.registry.validation.ResourceValidation;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes: the node agent registers its Node with its status (capacity, allocatable, addresses), which a
 * create keeps, as Kubernetes does. Taints and resource quantities are validated.
 */
public class NodeStrategy implements ResourceStrategy {

    /** Allocatable defaults to capacity when the node reports only capacity. */
    @Override
    public void applyDefaults(ObjectNode node) {
        ObjectNode status = Fields.object(node, "status");
        ObjectNode capacity = Fields.object(status, "capacity");
        if (capacity != null && !Fields.has(status, "allocatable")) {
            status.set("allocatable", capacity.deepCopy());
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode node) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(node, "spec", "spec", errs);
        Fields.bool(spec, "unschedulable", "spec.unschedulable", errs);
        errs.addAll(validateTaints(spec, "spec.taints"));
        errs.addAll(validateStatus(node));
        return errs;
    }

    /** As create, and podCIDR(s) and providerID may only be set once. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(node));
        JsonNode spec = node.get("spec");
        JsonNode oldSpec = old.get("spec");
        String oldPodCidr = Fields.stringOrEmpty(oldSpec, "podCIDR");
        if (!oldPodCidr.isEmpty() && !oldPodCidr.equals(Fields.stringOrEmpty(spec, "podCIDR"))) {
            errs.add(FieldError.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        }
        String oldProvider = Fields.stringOrEmpty(oldSpec, "providerID");
        if (!oldProvider.isEmpty() && !oldProvider.equals(Fields.stringOrEmpty(spec, "providerID"))) {
            errs.add(FieldError.forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode node, ObjectNode old) {
        return validateStatus(node);
    }

    private static List<FieldError> validateStatus(ObjectNode node) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode status = Fields.object(node, "status", "status", errs);
        if (status != null) {
            errs.addAll(ResourceValidation.validateNodeResources(status.get("capacity"), "status.capacity"));
            errs.addAll(ResourceValidation.validateNodeResources(status.get("allocatable"), "status.allocatable"));
        }
        return errs;
    }

    private static List<FieldError> validateTaints(JsonNode spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Fields.IndexedObject taint : Fields.objects(spec, "taints", path, errs)) {
            String idx = taint.path();
            String key = Fields.string(taint.node(), "key", idx + ".key", errs);
            String value = Fields.string(taint.node(), "value", idx + ".value", errs);
            String effect = Fields.string(taint.node(), "effect", idx + ".effect", errs);
            key = key == null ? "" : key;
            value = value == null ? "" : value;
            errs.addAll(FieldFormats.validateLabelName(key, idx + ".key"));
            List<String> valueErrs = Formats.isLabelValue(value);
            if (!valueErrs.isEmpty()) {
                errs.add(FieldError.invalid(idx + ".value", value, String.join(";", valueErrs)));
            }
            errs.addAll(PodSpecValidation.validateTaintEffect(effect, false, idx + ".effect"));
            if (!seen.add(key + "\u0000" + effect)) {
                errs.add(new FieldError(idx, FieldError.Reason.FieldValueDuplicate, "Duplicate value: "
                    + GoFormat.of(taint.node().toString()) + ": taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }
}
