package io.j8s.common.labels;

import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector, as in Go's k8s.io/apimachinery/pkg/labels: the ANDed requirements
 * of {@code ?labelSelector=} or of a spec's {@code selector}. Immutable.
 */
public final class Selector {

    private static final Selector EVERYTHING = new Selector(List.of(), false);
    private static final Selector NOTHING = new Selector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private Selector(List<Requirement> requirements, boolean matchesNothing) {
        // Sorted by key like Kubernetes, so the text form is canonical.
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key));
        this.requirements = List.copyOf(sorted);
        this.matchesNothing = matchesNothing;
    }

    public static Selector everything() {
        return EVERYTHING;
    }

    /** Matches no object at all; what a null spec selector means. */
    public static Selector nothing() {
        return NOTHING;
    }

    public static Selector of(List<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new Selector(requirements, false);
    }

    /**
     * Parses the string syntax ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h}); null or blank
     * selects everything.
     *
     * @throws IllegalArgumentException with Kubernetes' message when the syntax, a key or a value is invalid
     */
    public static Selector parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return EVERYTHING;
        }
        return of(new SelectorParser(expression).parse());
    }

    /**
     * Go's LabelSelectorAsSelector: a null selector matches nothing, an empty one everything;
     * matchLabels and matchExpressions are ANDed.
     *
     * @throws IllegalArgumentException for an unknown operator or invalid keys/values
     */
    public static Selector from(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.matchLabels() != null) {
            selector.matchLabels().forEach((k, v) -> requirements.add(Requirement.of(k, Requirement.Operator.EQUALS, v)));
        }
        if (selector.matchExpressions() != null) {
            for (LabelSelectorRequirement expr : selector.matchExpressions()) {
                requirements.add(new Requirement(expr.key(), operatorOf(expr.operator()), expr.values()));
            }
        }
        return of(requirements);
    }

    /**
     * A selector requiring exactly these labels, like Go's SelectorFromSet: a null or empty map
     * selects everything (callers for whom that means "nothing", as a Service without selector,
     * must check first).
     */
    public static Selector fromSet(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return EVERYTHING;
        }
        return of(labels.entrySet().stream()
                .map(e -> Requirement.of(e.getKey(), Requirement.Operator.EQUALS, e.getValue()))
                .toList());
    }

    private static Requirement.Operator operatorOf(String operator) {
        return switch (operator == null ? "" : operator) {
            case "In" -> Requirement.Operator.IN;
            case "NotIn" -> Requirement.Operator.NOT_IN;
            case "Exists" -> Requirement.Operator.EXISTS;
            case "DoesNotExist" -> Requirement.Operator.DOES_NOT_EXIST;
            default -> throw new IllegalArgumentException("\"" + operator + "\" is not a valid label selector operator");
        };
    }

    /** Whether an object with these labels (null = none) is selected. */
    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(actual));
    }

    /** True when this selector does not restrict anything (it matches every object). */
    public boolean isEmpty() {
        return !matchesNothing && requirements.isEmpty();
    }

    public boolean matchesNothing() {
        return matchesNothing;
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The single value the selector requires for {@code key} ({@code key=v}, {@code key==v} or
     * {@code key in (v)}), so a caller can narrow a lookup through an index.
     */
    public Optional<String> requiresExactMatch(String key) {
        return requirements.stream()
                .filter(r -> r.key().equals(key))
                .findFirst()
                .filter(r -> switch (r.operator()) {
                    case EQUALS, DOUBLE_EQUALS, IN -> r.values().size() == 1;
                    default -> false;
                })
                .map(r -> r.values().get(0));
    }

    /** The canonical string form; {@code parse(toString())} gives an equal selector. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector other
                && matchesNothing == other.matchesNothing
                && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + Boolean.hashCode(matchesNothing);
    }
}
