package io.j8s.scheduler.plugins.nodeaffinity;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.NodeSelectorRequirement;
import io.j8s.common.api.core.NodeSelectorTerm;
import io.j8s.common.labels.Requirement;
import io.j8s.common.labels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed node selector term: its matchExpressions ANDed over the node's labels and its matchFields ANDed over
 * the node's fields (only {@code metadata.name}, with In or NotIn and one value, as Kubernetes allows). A term with
 * neither, or with an invalid requirement, matches no node (Go's nodeaffinity.nodeSelectorTerm).
 */
record ParsedTerm(Selector labels, List<String> matchNames, List<String> excludeNames, boolean matchesNothing) {

    static final String NAME_FIELD = "metadata.name";

    static ParsedTerm parse(NodeSelectorTerm term) {
        List<NodeSelectorRequirement> expressions = term == null || term.matchExpressions() == null
                ? List.of() : term.matchExpressions();
        List<NodeSelectorRequirement> fields = term == null || term.matchFields() == null
                ? List.of() : term.matchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return invalid();
        }
        List<Requirement> requirements = new ArrayList<>();
        for (NodeSelectorRequirement expression : expressions) {
            Requirement.Operator operator = operatorOf(expression.operator());
            if (operator == null) {
                return invalid();
            }
            try {
                requirements.add(new Requirement(expression.key(), operator, expression.values()));
            } catch (IllegalArgumentException e) {
                return invalid();
            }
        }
        List<String> names = new ArrayList<>();
        List<String> notNames = new ArrayList<>();
        for (NodeSelectorRequirement field : fields) {
            if (!NAME_FIELD.equals(field.key()) || field.values() == null || field.values().size() != 1) {
                return invalid();
            }
            switch (field.operator() == null ? "" : field.operator()) {
                case "In" -> names.add(field.values().get(0));
                case "NotIn" -> notNames.add(field.values().get(0));
                default -> {
                    return invalid();
                }
            }
        }
        return new ParsedTerm(Selector.of(requirements), List.copyOf(names), List.copyOf(notNames), false);
    }

    boolean matches(Node node) {
        if (matchesNothing) {
            return false;
        }
        String name = node.metadata().name();
        return labels.matches(node.metadata().labelsOrEmpty())
                && matchNames.stream().allMatch(name::equals)
                && excludeNames.stream().noneMatch(name::equals);
    }

    private static ParsedTerm invalid() {
        return new ParsedTerm(Selector.nothing(), List.of(), List.of(), true);
    }

    private static Requirement.Operator operatorOf(String operator) {
        return switch (operator == null ? "" : operator) {
            case "In" -> Requirement.Operator.IN;
            case "NotIn" -> Requirement.Operator.NOT_IN;
            case "Exists" -> Requirement.Operator.EXISTS;
            case "DoesNotExist" -> Requirement.Operator.DOES_NOT_EXIST;
            case "Gt" -> Requirement.Operator.GREATER_THAN;
            case "Lt" -> Requirement.Operator.LESS_THAN;
            default -> null;
        };
    }
}
