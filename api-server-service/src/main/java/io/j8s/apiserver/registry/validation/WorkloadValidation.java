package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What ReplicaSets and Deployments share (apps/v1 validation): a required, non-empty, valid selector that
 * selects the template's labels, a template fit for a ReplicaSet, and a selector that never changes.
 */
public final class WorkloadValidation {

    private WorkloadValidation() {
    }

    /** Errors in {@code spec.selector} and {@code spec.template} of a ReplicaSet or Deployment spec at {@code path}. */
    public static List<FieldError> validateSelectorAndTemplate(JsonNode spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode selector = spec == null ? null : spec.get("selector");
        String selectorPath = path + ".selector";
        boolean selectorValid = true;
        if (selector == null || selector.isNull()) {
            errs.add(FieldError.required(selectorPath));
        } else {
            List<FieldError> selectorErrs = LabelSelectorValidation.validate(selector, selectorPath);
            errs.addAll(selectorErrs);
            if (selector.isObject() && LabelSelectorValidation.isEmpty(selector)) {
                errs.add(FieldError.invalid(selectorPath, GoFormat.labelSelector(selector), "empty selector is invalid for deployment"));
            }
            if (!selectorErrs.isEmpty()) {
                // Kubernetes cannot turn it into a selector, so it does not look at the template at all
                errs.add(FieldError.invalid(selectorPath, GoFormat.labelSelector(selector), "invalid label selector"));
                selectorValid = false;
            }
        }
        if (selectorValid) {
            errs.addAll(PodSpecValidation.validatePodTemplateSpecForReplicaSet(
                spec == null ? null : spec.get("template"), selector, true, path + ".template"));
        }
        return errs;
    }

    /** apps/v1 forbids changing the selector after create: {@code spec.selector: Invalid value: ...: field is immutable}. */
    public static List<FieldError> validateSelectorUnchanged(JsonNode spec, JsonNode oldSpec, String path) {
        JsonNode selector = spec == null ? null : spec.get("selector");
        JsonNode oldSelector = oldSpec == null ? null : oldSpec.get("selector");
        if (JsonTrees.semanticEqual(selector, oldSelector)) {
            return List.of();
        }
        return List.of(FieldError.invalid(path + ".selector", GoFormat.labelSelector(selector), Formats.FIELD_IMMUTABLE_ERROR_MSG));
    }

    /**
     * Status counters must not be negative, and none of {@code boundedByReplicas} may exceed
     * {@code status.replicas}; availableReplicas may not exceed readyReplicas.
     */
    public static List<FieldError> validateReplicaCounts(JsonNode status, List<String> counters,
                                                         List<String> boundedByReplicas, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (status == null || status.isNull()) {
            return errs;
        }
        if (!status.isObject()) {
            errs.add(Fields.typeInvalid(path, status, "an object"));
            return errs;
        }
        for (String counter : counters) {
            Fields.nonNegative(status, counter, path + "." + counter, errs);
        }
        long replicas = longOrZero(status, "replicas");
        for (String counter : boundedByReplicas) {
            long value = longOrZero(status, counter);
            if (value > replicas) {
                errs.add(FieldError.invalid(path + "." + counter, value, "cannot be greater than status.replicas"));
            }
        }
        long available = longOrZero(status, "availableReplicas");
        if (available > longOrZero(status, "readyReplicas")) {
            errs.add(FieldError.invalid(path + ".availableReplicas", available, "cannot be greater than readyReplicas"));
        }
        return errs;
    }

    private static long longOrZero(JsonNode node, String field) {
        Long value = Fields.integer(node, field);
        return value == null ? 0 : value;
    }
}
