package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Pods (pkg/registry/core/pod/strategy.go): a new pod starts Pending with its QoS class; its spec is nearly immutable. */
public class PodStrategy implements ResourceStrategy {

    static final List<String> PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    @Override
    public void prepareForCreate(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", PodQos.of(pod.get("spec")));
    }

    @Override
    public void applyDefaults(ObjectNode pod) {
        PodDefaults.applyToPod(pod);
    }

    /**
     * A /status write may also change the pod's annotations (Kubernetes' pod status strategy lets all metadata but
     * owner references through; j8s only annotations, labels stay the main endpoint's): the node agent records the
     * host ports it published this way, with the only write its node identity has on the pod.
     */
    @Override
    public void prepareForStatusUpdate(ObjectNode updated, ObjectNode requested) {
        ObjectNode meta = (ObjectNode) updated.withObjectProperty("metadata");
        JsonNode annotations = requested.path("metadata").get("annotations");
        if (annotations == null) {
            meta.remove("annotations");
        } else {
            meta.set("annotations", annotations.deepCopy());
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode pod) {
        List<FieldError> errs = new ArrayList<>(PodSpecValidation.validatePodSpec(pod.get("spec"), "spec"));
        ArrayNode ephemeral = Fields.array(pod.get("spec"), "ephemeralContainers");
        if (ephemeral != null && !ephemeral.isEmpty()) {
            errs.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(PodSpecValidation.validatePodSpec(pod.get("spec"), "spec"));
        errs.addAll(PodSpecValidation.validatePodSpecUpdate(pod.get("spec"), old.get("spec"), "spec"));
        return errs;
    }

    /** Status writes: a supported phase; the node a pod is bound to changes only through binding. */
    @Override
    public List<FieldError> validateStatusUpdate(ObjectNode pod, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode status = Fields.object(pod, "status", "status", errs);
        String phase = Fields.string(status, "phase", "status.phase", errs);
        if (phase != null && !phase.isEmpty() && !PHASES.contains(phase)) {
            errs.add(FieldError.notSupported("status.phase", phase, PHASES));
        }
        JsonNode spec = pod.get("spec");
        JsonNode oldSpec = old.get("spec");
        if (!Objects.equals(Fields.stringOrEmpty(spec, "nodeName"), Fields.stringOrEmpty(oldSpec, "nodeName"))) {
            errs.add(FieldError.forbidden("status.nodeName", "may not be changed directly"));
        }
        String nominated = Fields.string(status, "nominatedNodeName", "status.nominatedNodeName", errs);
        if (nominated != null && !nominated.isEmpty()) {
            errs.addAll(FieldFormats.validateDns1123Subdomain(nominated, "status.nominatedNodeName"));
        }
        return errs;
    }
}
