package io.j8s.common.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector ({@code ?fieldSelector=spec.nodeName=n1,status.phase!=Failed}): ANDed
 * equality tests on named fields. Which field names exist is the server's business; this class
 * only parses and matches. In values, {@code \,} {@code \=} and {@code \\} escape, as in Kubernetes.
 */
public final class FieldSelector {

    public enum Operator {
        EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public record Requirement(String field, Operator operator, String value) {

        /** A missing field reads as the empty string, as in Kubernetes. */
        public boolean matches(Function<String, String> fieldValue) {
            String actual = fieldValue.apply(field);
            boolean equal = value.equals(actual == null ? "" : actual);
            return operator == Operator.NOT_EQUALS ? !equal : equal;
        }

        @Override
        public String toString() {
            return field + operator.symbol + escape(value);
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    public static FieldSelector of(List<Requirement> requirements) {
        return new FieldSelector(requirements);
    }

    /**
     * Parses {@code key=value}, {@code key==value} and {@code key!=value}, comma-separated; null or
     * blank selects everything.
     *
     * @throws IllegalArgumentException naming the part that could not be understood
     */
    public static FieldSelector parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitUnescaped(expression)) {
            if (term.isEmpty()) {
                continue;
            }
            Requirement requirement = parseTerm(term);
            if (requirement == null) {
                throw new IllegalArgumentException(
                        "invalid selector: '" + expression + "'; can't understand '" + term + "'");
            }
            requirements.add(requirement);
        }
        return new FieldSelector(requirements);
    }

    /** Whether an object whose fields read as {@code fieldValue} (field path to value) is selected. */
    public boolean matches(Function<String, String> fieldValue) {
        return requirements.stream().allMatch(r -> r.matches(fieldValue));
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The value {@code field} must equal, if the selector says so ({@code =} or {@code ==}): lets a
     * server narrow a lookup, e.g. read one object for {@code metadata.name=x}.
     */
    public Optional<String> exactValue(String field) {
        return requirements.stream()
                .filter(r -> r.field().equals(field) && r.operator() != Operator.NOT_EQUALS)
                .map(Requirement::value)
                .findFirst();
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** Splits on commas that are not escaped; escapes are kept for {@link #parseTerm}. */
    private static List<String> splitUnescaped(String s) {
        List<String> terms = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',') {
                terms.add(s.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(s.substring(start));
        return terms;
    }

    /** The first unescaped operator splits the term; null when there is none or no field name. */
    private static Requirement parseTerm(String term) {
        for (int i = 0; i < term.length(); i++) {
            if (term.charAt(i) == '\\') {
                i++;
                continue;
            }
            for (Operator op : new Operator[] {Operator.NOT_EQUALS, Operator.DOUBLE_EQUALS, Operator.EQUALS}) {
                if (term.startsWith(op.symbol, i)) {
                    String field = term.substring(0, i).trim();
                    if (field.isEmpty()) {
                        return null;
                    }
                    return new Requirement(field, op, unescape(term.substring(i + op.symbol.length())));
                }
            }
        }
        return null;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 == value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
                    throw new IllegalArgumentException("invalid field selector value: '" + value
                            + "'; only \\\\, \\, and \\= may be escaped");
                }
                c = value.charAt(++i);
            } else if (c == '=' || c == ',') {
                throw new IllegalArgumentException("invalid field selector value: '" + value
                        + "'; '" + c + "' must be escaped as '\\" + c + "'");
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
