package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** coordination.k8s.io/v1 Leases, held by leader election and node heartbeats: durations positive, counts not negative. */
public class LeaseStrategy implements ResourceStrategy {

    @Override
    public List<FieldError> validate(ObjectNode lease) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode spec = Fields.object(lease, "spec", "spec", errs);
        Long duration = Fields.integer(spec, "leaseDurationSeconds", "spec.leaseDurationSeconds", errs);
        if (duration != null && duration <= 0) {
            errs.add(FieldError.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        }
        Long transitions = Fields.integer(spec, "leaseTransitions", "spec.leaseTransitions", errs);
        if (transitions != null && transitions < 0) {
            errs.add(FieldError.invalid("spec.leaseTransitions", transitions, Formats.IS_NEGATIVE_ERROR_MSG));
        }
        Fields.string(spec, "holderIdentity", "spec.holderIdentity", errs);
        Fields.string(spec, "acquireTime", "spec.acquireTime", errs);
        Fields.string(spec, "renewTime", "spec.renewTime", errs);
        return errs;
    }
}
