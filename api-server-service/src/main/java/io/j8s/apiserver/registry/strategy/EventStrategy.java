package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.ResourceStrategy;
import io.j8s.apiserver.registry.validation.FieldFormats;
import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.common.validation.Formats;
import io.j8s.common.validation.Formats;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * core/v1 Events, validated as Kubernetes validates them for that API version: the involved object's
 * namespace must agree with the event's, and events that carry an {@code eventTime} (the newer style) must
 * also name their reporting controller and instance, action and reason within the length limits.
 * No defaults: core/v1 defines none for events.
 */
public class EventStrategy implements ResourceStrategy {

    static final int REPORTING_INSTANCE_LENGTH_LIMIT = 128;
    static final int ACTION_LENGTH_LIMIT = 128;
    static final int REASON_LENGTH_LIMIT = 128;
    static final int NOTE_LENGTH_LIMIT = 1024;

    @Override
    public List<FieldError> validate(ObjectNode event) {
        List<FieldError> errs = new ArrayList<>();
        String namespace = Fields.stringOrEmpty(Fields.object(event, "metadata"), "namespace");
        ObjectNode involved = Fields.object(event, "involvedObject", "involvedObject", errs);
        String involvedNamespace = Fields.string(involved, "namespace", "involvedObject.namespace", errs);
        involvedNamespace = involvedNamespace == null ? "" : involvedNamespace;
        String reportingController = Fields.string(event, "reportingComponent", "reportingComponent", errs);
        String reportingInstance = Fields.string(event, "reportingInstance", "reportingInstance", errs);
        String action = Fields.string(event, "action", "action", errs);
        String reason = Fields.string(event, "reason", "reason", errs);
        String message = Fields.string(event, "message", "message", errs);
        Fields.integer(event, "count", "count", errs);

        if (!Fields.has(event, "eventTime")) {
            // old-style events: the involved object lives in the event's namespace (or is cluster-scoped,
            // in which case old clients put the event in "default")
            if (involvedNamespace.isEmpty()) {
                if (!namespace.isEmpty() && !namespace.equals("default")) {
                    errs.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
                }
            } else if (!namespace.equals(involvedNamespace)) {
                errs.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
        } else {
            if (involvedNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
            if (reportingController == null || reportingController.isEmpty()) {
                errs.add(FieldError.required("reportingComponent"));
            } else {
                errs.addAll(FieldFormats.invalidEach("reportingComponent", reportingController, Formats.isQualifiedName(reportingController)));
            }
            requiredWithin(errs, "reportingInstance", reportingInstance, REPORTING_INSTANCE_LENGTH_LIMIT);
            requiredWithin(errs, "action", action, ACTION_LENGTH_LIMIT);
            requiredWithin(errs, "reason", reason, REASON_LENGTH_LIMIT);
            if (message != null && message.length() > NOTE_LENGTH_LIMIT) {
                errs.add(FieldError.invalid("message", "", "can have at most " + NOTE_LENGTH_LIMIT + " characters"));
            }
        }
        return errs;
    }

    private static void requiredWithin(List<FieldError> errs, String field, String value, int limit) {
        if (value == null || value.isEmpty()) {
            errs.add(FieldError.required(field));
        } else if (value.length() > limit) {
            errs.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
        }
    }
}
