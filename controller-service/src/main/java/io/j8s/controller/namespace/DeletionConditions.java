package io.j8s.controller.namespace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The status conditions a terminating namespace carries, as Kubernetes' namespace deleter reports them
 * ({@code kubectl describe namespace} shows them): whether content could be deleted, what remains, and
 * which finalizers hold it. Conditions are kept as JSON maps because j8s models NamespaceStatus.phase only.
 */
final class DeletionConditions {

    static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
    static final String GROUP_VERSION_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
    static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    private static final List<String> TYPES = List.of(DISCOVERY_FAILURE, GROUP_VERSION_PARSING_FAILURE,
        CONTENT_FAILURE, CONTENT_REMAINING, FINALIZERS_REMAINING);

    /** type -> {reason, message} when all is well. */
    private static final Map<String, String[]> OK = Map.of(
        DISCOVERY_FAILURE, new String[] {"ResourcesDiscovered", "All resources successfully discovered"},
        GROUP_VERSION_PARSING_FAILURE, new String[] {"ParsedGroupVersions", "All legacy kube types successfully parsed"},
        CONTENT_FAILURE, new String[] {"ContentDeleted", "All content successfully deleted, may be waiting on finalization"},
        CONTENT_REMAINING, new String[] {"ContentRemoved", "All content successfully removed"},
        FINALIZERS_REMAINING, new String[] {"ContentHasNoFinalizers", "All content-preserving finalizers finished"});

    private DeletionConditions() {
    }

    /**
     * What one pass of content deletion found.
     *
     * @param remaining  resource ({@code pods.}, {@code replicasets.apps}) -> objects still there
     * @param finalizers finalizer -> objects still held by it
     * @param failures   what could not be deleted, one message per resource
     */
    record Outcome(Map<String, Integer> remaining, Map<String, Integer> finalizers, List<String> failures) {
    }

    /** The failure message Kubernetes puts in NamespaceDeletionContentFailure. */
    static String contentFailureMessage(List<String> failures) {
        List<String> sorted = new ArrayList<>(failures);
        sorted.sort(null);
        return "Failed to delete all resource types, " + failures.size() + " remaining: " + String.join(", ", sorted);
    }

    /**
     * The namespace's conditions after {@code outcome}: each of the five types set to its failure or to its
     * "all well" variant; lastTransitionTime moves only when a status changes. Null when nothing changes.
     */
    static List<Map<String, Object>> update(List<Map<String, Object>> current, Outcome outcome, String now) {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        if (!outcome.failures().isEmpty()) {
            wanted.put(CONTENT_FAILURE, condition(CONTENT_FAILURE, "True", "ContentDeletionFailed",
                contentFailureMessage(outcome.failures()), now));
        }
        List<String> remaining = describe(outcome.remaining(), "%s has %d resource instances");
        if (!remaining.isEmpty()) {
            wanted.put(CONTENT_REMAINING, condition(CONTENT_REMAINING, "True", "SomeResourcesRemain",
                "Some resources are remaining: " + String.join(", ", remaining), now));
        }
        List<String> finalizers = describe(outcome.finalizers(), "%s in %d resource instances");
        if (!finalizers.isEmpty()) {
            wanted.put(FINALIZERS_REMAINING, condition(FINALIZERS_REMAINING, "True", "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: " + String.join(", ", finalizers), now));
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> existing : current == null ? List.<Map<String, Object>>of() : current) {
            result.add(new LinkedHashMap<>(existing));
        }
        boolean changed = false;
        for (String type : TYPES) {
            Map<String, Object> want = wanted.containsKey(type) ? wanted.get(type)
                : condition(type, "False", OK.get(type)[0], OK.get(type)[1], now);
            Map<String, Object> have = result.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
            if (have == null) {
                result.add(want);
                changed = true;
            } else if (!Objects.equals(have.get("status"), want.get("status"))
                || !Objects.equals(have.get("reason"), want.get("reason"))
                || !Objects.equals(have.get("message"), want.get("message"))) {
                if (!Objects.equals(have.get("status"), want.get("status"))) {
                    have.put("lastTransitionTime", now);
                }
                have.put("status", want.get("status"));
                have.put("reason", want.get("reason"));
                have.put("message", want.get("message"));
                changed = true;
            }
        }
        return changed ? result : null;
    }

    private static List<String> describe(Map<String, Integer> counts, String format) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((what, count) -> {
            if (count > 0) {
                parts.add(String.format(format, what, count));
            }
        });
        return parts;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message,
                                                 String now) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastTransitionTime", now);
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }
}
