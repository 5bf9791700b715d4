package io.j8s.common.labels;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One condition of a label selector, e.g. {@code tier in (web,api)}. Values are kept sorted and
 * distinct, so equal requirements print and compare the same.
 */
public record Requirement(String key, Operator operator, List<String> values) {

    public enum Operator {
        EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN(" in "), NOT_IN(" notin "),
        EXISTS(""), DOES_NOT_EXIST(""), GREATER_THAN(">"), LESS_THAN("<");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Validates like Go's labels.NewRequirement; throws IllegalArgumentException when invalid. */
    public Requirement {
        LabelValidation.checkKey(key);
        values = List.copyOf(new TreeSet<>(values == null ? List.of() : values));
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException("exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException("values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException("for 'Gt', 'Lt' operators, exactly one value is required");
                }
                if (parseLong(values.get(0)) == null) {
                    throw new IllegalArgumentException(
                            "for 'Gt', 'Lt' operators, the value must be an integer: \"" + values.get(0) + "\"");
                }
            }
        }
        for (String value : values) {
            LabelValidation.checkValue(key, value);
        }
    }

    public static Requirement of(String key, Operator operator, String... values) {
        return new Requirement(key, operator, List.of(values));
    }

    /**
     * Whether {@code labels} satisfy this requirement. Note that {@code !=} and {@code notin} match
     * objects that lack the key entirely, as in Kubernetes.
     */
    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        boolean has = labels.containsKey(key);
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(value);
            case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GREATER_THAN, LESS_THAN -> {
                Long actual = has ? parseLong(value) : null;
                if (actual == null) {
                    yield false;
                }
                long bound = parseLong(values.get(0));
                yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            }
        };
    }

    /** The canonical text form, e.g. {@code !a}, {@code a!=b}, {@code a in (x,y)}. */
    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + operator.symbol + "(" + String.join(",", values) + ")";
            default -> key + operator.symbol + values.get(0);
        };
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
