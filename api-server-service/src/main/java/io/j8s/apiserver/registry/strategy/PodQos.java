package io.j8s.apiserver.registry.strategy;

import io.j8s.apiserver.registry.validation.Fields;
import io.j8s.apiserver.registry.validation.Quantity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pod's QoS class as Kubernetes computes it (pkg/apis/core/helper/qos): Guaranteed when every container
 * limits cpu and memory and requests equal limits, BestEffort when nothing is requested or limited,
 * Burstable otherwise. A limit without a request counts as that request, as defaulting would make it.
 */
final class PodQos {

    private static final Set<String> QOS_RESOURCES = Set.of("cpu", "memory");

    private PodQos() {
    }

    static String of(JsonNode spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (String list : List.of("containers", "initContainers")) {
            for (ObjectNode c : Fields.objectElements(spec, list)) {
                ObjectNode resources = Fields.object(c, "resources");
                Map<String, BigDecimal> rawLimits = quantities(Fields.object(resources, "limits"));
                Map<String, BigDecimal> rawRequests = quantities(Fields.object(resources, "requests"));
                rawLimits.forEach(rawRequests::putIfAbsent);
                Map<String, BigDecimal> containerLimits = positive(rawLimits);
                Map<String, BigDecimal> containerRequests = positive(rawRequests);
                containerRequests.forEach((name, q) -> requests.merge(name, q, BigDecimal::add));
                containerLimits.forEach((name, q) -> limits.merge(name, q, BigDecimal::add));
                if (!containerLimits.keySet().containsAll(QOS_RESOURCES)) {
                    guaranteed = false;
                }
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        if (guaranteed) {
            for (Map.Entry<String, BigDecimal> request : requests.entrySet()) {
                BigDecimal limit = limits.get(request.getKey());
                if (limit == null || limit.compareTo(request.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
    }

    private static Map<String, BigDecimal> positive(Map<String, BigDecimal> values) {
        Map<String, BigDecimal> result = new HashMap<>();
        values.forEach((name, q) -> {
            if (q.signum() > 0) {
                result.put(name, q);
            }
        });
        return result;
    }

    // the parseable cpu and memory entries; other resources do not decide the QoS class
    private static Map<String, BigDecimal> quantities(ObjectNode list) {
        Map<String, BigDecimal> values = new HashMap<>();
        if (list == null) {
            return values;
        }
        Set<String> names = new HashSet<>();
        list.propertyNames().forEach(names::add);
        for (String name : names) {
            if (!QOS_RESOURCES.contains(name)) {
                continue;
            }
            JsonNode node = list.get(name);
            Optional<BigDecimal> value = node.isNumber() ? Optional.of(node.decimalValue())
                : node.isString() ? Quantity.parse(node.stringValue()) : Optional.empty();
            value.ifPresent(v -> values.put(name, v));
        }
        return values;
    }
}
