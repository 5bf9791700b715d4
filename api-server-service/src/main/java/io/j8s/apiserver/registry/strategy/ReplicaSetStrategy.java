package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.WorkloadValidation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** ReplicaSets (apps/v1): one replica by default, a selector that matches the template and never changes. */
public class ReplicaSetStrategy implements ResourceStrategy {

    static final List<String> STATUS_COUNTERS =
        List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "terminatingReplicas",
            "observedGeneration");
    static final List<String> BOUNDED_BY_REPLICAS = List.of("fullyLabeledReplicas", "readyReplicas", "availableReplicas");

    /** The controller owns status; a new ReplicaSet starts with {@code {"replicas":0}}, as Kubernetes serialises it. */
    @Override
    public void prepareForCreate(ObjectNode rs) {
        rs.putObject("status").put("replicas", 0);
    }

    @Override
    public void applyDefaults(ObjectNode rs) {
        ObjectNode spec = Fields.ensureObject(rs, "spec");
        if (spec == null) {
            return;
        }
        Fields.defaultInt(spec, "replicas", 1);
        applyTemplateDefaults(spec);
    }

    @Override
    public List<FieldError> validate(ObjectNode rs) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(rs, "spec", "spec", errs);
        Fields.nonNegative(spec, "replicas", "spec.replicas", errs);
        Fields.nonNegative(spec, "minReadySeconds", "spec.minReadySeconds", errs);
        errs.addAll(WorkloadValidation.validateSelectorAndTemplate(spec, "spec"));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode rs, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(rs));
        errs.addAll(WorkloadValidation.validateSelectorUnchanged(rs.get("spec"), old.get("spec"), "spec"));
        return errs;
    }

    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode rs, ObjectNode old) {
        return WorkloadValidation.validateReplicaCounts(rs.get("status"), STATUS_COUNTERS, BOUNDED_BY_REPLICAS, "status");
    }

    /** Pod spec defaults inside {@code spec.template.spec}, shared with Deployments. */
    static void applyTemplateDefaults(ObjectNode spec) {
        ObjectNode template = Fields.ensureObject(spec, "template");
        if (template == null) {
            return;
        }
        ObjectNode podSpec = Fields.ensureObject(template, "spec");
        if (podSpec != null) {
            PodDefaults.applyToPodSpec(podSpec);
        }
    }
}
