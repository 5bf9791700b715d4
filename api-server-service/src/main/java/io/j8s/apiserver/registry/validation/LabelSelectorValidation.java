package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * metav1.LabelSelector objects ({@code matchLabels} + {@code matchExpressions}): validation with Kubernetes'
 * messages, and matching against a set of labels as LabelSelectorAsSelector does.
 */
public final class LabelSelectorValidation {

    private LabelSelectorValidation() {
    }

    /** Errors in a selector object at {@code path} ({@code spec.selector}); none for an absent selector. */
    public static List<FieldError> validate(JsonNode selector, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null || selector.isNull()) {
            return errs;
        }
        if (!selector.isObject()) {
            errs.add(Fields.typeInvalid(path, selector, "an object"));
            return errs;
        }
        errs.addAll(ObjectMetaValidation.validateLabels(selector.get("matchLabels"), path + ".matchLabels"));
        for (Fields.IndexedObject expr : Fields.objects(selector, "matchExpressions", path + ".matchExpressions", errs)) {
            errs.addAll(validateRequirement(expr.node(), expr.path()));
        }
        return errs;
    }

    private static List<FieldError> validateRequirement(JsonNode expr, String path) {
        List<FieldError> errs = new ArrayList<>();
        String operator = Fields.string(expr, "operator", path + ".operator", errs);
        List<String> values = Fields.stringList(expr, "values", path + ".values", errs);
        int count = values == null ? 0 : values.size();
        String op = operator == null ? "" : operator;
        switch (op) {
            case "In", "NotIn" -> {
                if (count == 0) {
                    errs.add(FieldError.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (count > 0) {
                    errs.add(FieldError.forbidden(path + ".values",
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            default -> errs.add(FieldError.invalid(path + ".operator", op, "not a valid selector operator"));
        }
        String key = Fields.string(expr, "key", path + ".key", errs);
        errs.addAll(FieldFormats.validateLabelName(key == null ? "" : key, path + ".key"));
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                errs.addAll(FieldFormats.validateLabelValue(values.get(i), path + ".values[" + i + "]"));
            }
        }
        return errs;
    }

    /** True for an absent selector or one with neither matchLabels nor matchExpressions entries. */
    public static boolean isEmpty(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return true;
        }
        JsonNode labels = selector.get("matchLabels");
        JsonNode exprs = selector.get("matchExpressions");
        return (labels == null || labels.size() == 0) && (exprs == null || exprs.size() == 0);
    }

    /** Whether a valid selector selects {@code labels}; an empty selector selects everything. */
    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return true;
        }
        JsonNode matchLabels = selector.get("matchLabels");
        if (matchLabels != null && matchLabels.isObject()) {
            for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
                String want = e.getValue().isString() ? e.getValue().stringValue() : null;
                if (want == null || !want.equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        JsonNode exprs = selector.get("matchExpressions");
        if (exprs != null && exprs.isArray()) {
            for (JsonNode expr : exprs) {
                String key = Fields.stringOrEmpty(expr, "key");
                List<String> values = Fields.stringList(expr, "values", "", new ArrayList<>());
                List<String> in = values == null ? List.of() : values;
                boolean present = labels.containsKey(key);
                boolean ok = switch (Fields.stringOrEmpty(expr, "operator")) {
                    case "In" -> present && in.contains(labels.get(key));
                    case "NotIn" -> !present || !in.contains(labels.get(key));
                    case "Exists" -> present;
                    case "DoesNotExist" -> !present;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
