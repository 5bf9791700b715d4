package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.common.validation.Formats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Resource lists ({@code cpu: 500m, memory: 1Gi}) of containers and nodes, after Kubernetes' core validation. */
public final class ResourceValidation {

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> INTEGER_RESOURCES = Set.of("pods");

    private ResourceValidation() {
    }

    /**
     * A container's {@code resources}: names are standard or qualified, quantities valid and not negative,
     * each request at most its limit (equal for resources that cannot be overcommitted).
     */
    public static List<FieldError> validateResourceRequirements(JsonNode resources, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (resources == null || resources.isNull()) {
            return errs;
        }
        if (!resources.isObject()) {
            errs.add(Fields.typeInvalid(path, resources, "an object"));
            return errs;
        }
        String limPath = path + ".limits";
        String reqPath = path + ".requests";
        Map<String, BigDecimal> limits = readList(resources.get("limits"), limPath, true, errs);
        Map<String, BigDecimal> requests = readList(resources.get("requests"), reqPath, true, errs);
        JsonNode limitNodes = resources.get("limits");
        JsonNode requestNodes = resources.get("requests");
        for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
            String name = e.getKey();
            BigDecimal request = e.getValue();
            BigDecimal limit = limits.get(name);
            String requestText = Quantity.text(requestNodes.get(name));
            if (limit != null) {
                String limitText = Quantity.text(limitNodes.get(name));
                if (request.compareTo(limit) != 0 && !isOvercommitAllowed(name)) {
                    errs.add(FieldError.invalid(reqPath, requestText,
                        "must be equal to " + name + " limit of " + limitText));
                } else if (request.compareTo(limit) > 0) {
                    errs.add(FieldError.invalid(reqPath, requestText,
                        "must be less than or equal to " + name + " limit of " + limitText));
                }
            } else if (!isOvercommitAllowed(name)) {
                errs.add(FieldError.required(limPath, "Limit must be set for non overcommitable resources"));
            }
        }
        return errs;
    }

    /** A node's {@code capacity} or {@code allocatable}: quantities valid, not negative, pods a whole number. */
    public static List<FieldError> validateNodeResources(JsonNode list, String path) {
        List<FieldError> errs = new ArrayList<>();
        readList(list, path, false, errs);
        return errs;
    }

    /**
     * The valid entries of a resource list; errors for bad names (container lists only), bad quantities,
     * negative values and fractional integer resources. Kubernetes keys the path for containers
     * ({@code limits[cpu]}) and uses a child for nodes ({@code status.capacity.cpu}).
     */
    private static Map<String, BigDecimal> readList(JsonNode list, String path, boolean container, List<FieldError> errs) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        if (list == null || list.isNull()) {
            return values;
        }
        if (!list.isObject()) {
            errs.add(Fields.typeInvalid(path, list, "an object"));
            return values;
        }
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            String name = e.getKey();
            String fieldPath = container ? path + "[" + name + "]" : path + "." + name;
            if (container) {
                errs.addAll(validateContainerResourceName(name, fieldPath));
            }
            BigDecimal value = Quantity.read(e.getValue(), fieldPath, errs);
            if (value == null) {
                continue;
            }
            String text = Quantity.text(e.getValue());
            if (value.signum() < 0) {
                errs.add(FieldError.invalid(fieldPath, text, Formats.IS_NEGATIVE_ERROR_MSG));
                continue;
            }
            if (isIntegerResource(name) && value.stripTrailingZeros().scale() > 0) {
                errs.add(FieldError.invalid(fieldPath, text, "must be an integer"));
                continue;
            }
            values.put(name, value);
        }
        return values;
    }

    private static List<FieldError> validateContainerResourceName(String name, String path) {
        List<FieldError> errs = new ArrayList<>(FieldFormats.invalidEach(path, name, Formats.isQualifiedName(name)));
        if (!name.contains("/")) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith("hugepages-")) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
            }
        } else if (!isNative(name) && name.startsWith("requests.")) {
            errs.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    private static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    // native resources but huge pages may be overcommitted; extended resources (example.com/gpu) may not
    private static boolean isOvercommitAllowed(String name) {
        return isNative(name) && !name.startsWith("hugepages-");
    }

    private static boolean isIntegerResource(String name) {
        return INTEGER_RESOURCES.contains(name) || !isNative(name);
    }
}
