package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.GoFormat;
import io.j8s.apiserver.registry.validation.WorkloadValidation;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployments (apps/v1): RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600 by
 * default; the ReplicaSet rules for selector and template plus the rollout strategy's own.
 */
public class DeploymentStrategy implements ResourceStrategy {

    static final List<String> STRATEGY_TYPES = List.of("Recreate", "RollingUpdate");
    static final List<String> STATUS_COUNTERS = List.of("observedGeneration", "replicas", "updatedReplicas",
        "readyReplicas", "availableReplicas", "unavailableReplicas", "terminatingReplicas", "collisionCount");
    static final List<String> BOUNDED_BY_REPLICAS = List.of("updatedReplicas", "readyReplicas", "availableReplicas");

    /** The controller owns status; a new Deployment starts with an empty one. */
    @Override
    public void prepareForCreate(ObjectNode deployment) {
        deployment.putObject("status");
    }

    @Override
    public void applyDefaults(ObjectNode deployment) {
        ObjectNode spec = Fields.ensureObject(deployment, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultInt(spec, "replicas", 1);
        ObjectNode strategy = Fields.ensureObject(spec, "strategy");
        if (strategy != null) {
            Fields.defaultString(strategy, "type", "RollingUpdate");
            if ("RollingUpdate".equals(Fields.string(strategy, "type"))) {
                ObjectNode rollingUpdate = Fields.ensureObject(strategy, "rollingUpdate");
                if (rollingUpdate != null) {
                    defaultIntOrString(rollingUpdate, "maxUnavailable", "25%");
                    defaultIntOrString(rollingUpdate, "maxSurge", "25%");
                }
            }
        }
        Fields.defaultInt(spec, "revisionHistoryLimit", 10);
        Fields.defaultInt(spec, "progressDeadlineSeconds", 600);
        ReplicaSetStrategy.applyTemplateDefaults(spec);
    }

    @Override
    public List<FieldError> validate(ObjectNode deployment) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(deployment, "spec", "spec", errs);
        Fields.nonNegative(spec, "replicas", "spec.replicas", errs);
        errs.addAll(WorkloadValidation.validateSelectorAndTemplate(spec, "spec"));
        errs.addAll(validateStrategy(spec, "spec.strategy"));
        Long minReady = Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        Fields.nonNegative(spec, "revisionHistoryLimit", "spec.revisionHistoryLimit", errs);
        Long deadline = Fields.nonNegative(spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds", errs);
        if (deadline != null && deadline <= (minReady == null ? 0 : minReady)) {
            errs.add(FieldError.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode deployment, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(deployment));
        errs.addAll(WorkloadValidation.validateSelectorUnchanged(deployment.get("spec"), old.get("spec"), "spec"));
        return errs;
    }

    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode deployment, ObjectNode old) {
        return WorkloadValidation.validateReplicaCounts(deployment.get("status"), STATUS_COUNTERS, BOUNDED_BY_REPLICAS, "status");
    }

    private static List<FieldError> validateStrategy(JsonNode spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode strategy = Fields.object(spec, "strategy", path, errs);
        String type = Fields.string(strategy, "type", path + ".type", errs);
        ObjectNode rollingUpdate = Fields.object(strategy, "rollingUpdate", path + ".rollingUpdate", errs);
        String typeOrEmpty = type == null ? "" : type;
        switch (typeOrEmpty) {
            case "Recreate" -> {
                if (rollingUpdate != null) {
                    errs.add(FieldError.forbidden(path + ".rollingUpdate",
                        "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                if (rollingUpdate == null) {
                    errs.add(FieldError.required(path + ".rollingUpdate", "this should be defaulted and never be nil"));
                } else {
                    errs.addAll(validateRollingUpdate(rollingUpdate, path + ".rollingUpdate"));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".type", typeOrEmpty, STRATEGY_TYPES));
        }
        return errs;
    }

    private static List<FieldError> validateRollingUpdate(ObjectNode rollingUpdate, String path) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode maxUnavailable = rollingUpdate.get("maxUnavailable");
        JsonNode maxSurge = rollingUpdate.get("maxSurge");
        errs.addAll(validatePositiveIntOrPercent(maxUnavailable, path + ".maxUnavailable"));
        errs.addAll(validatePositiveIntOrPercent(maxSurge, path + ".maxSurge"));
        if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", GoFormat.intOrString(maxUnavailable),
                "may not be 0 when `maxSurge` is 0"));
        }
        if (maxUnavailable != null && maxUnavailable.isString()
            && Formats.isValidPercent(maxUnavailable.stringValue()).isEmpty() && intOrPercentValue(maxUnavailable) > 100) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable.stringValue(), "must not be greater than 100%"));
        }
        return errs;
    }

    private static List<FieldError> validatePositiveIntOrPercent(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isString()) {
            return FieldFormats.invalidEach(path, value.stringValue(), Formats.isValidPercent(value.stringValue()));
        }
        if (value.isIntegralNumber()) {
            return value.asLong() < 0 ? List.of(FieldError.invalid(path, value.asLong(), Formats.IS_NEGATIVE_ERROR_MSG)) : List.of();
        }
        return List.of(Fields.typeInvalid(path, value, "an integer or a percentage"));
    }

    // the number in 3 or "30%"; 0 when absent or unreadable, as Kubernetes' getIntOrPercentValue
    private static long intOrPercentValue(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isString()) {
            String s = value.stringValue();
            try {
                return Long.parseLong(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static void defaultIntOrString(ObjectNode parent, String field, String value) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            parent.put(field, value);
        }
    }
}
