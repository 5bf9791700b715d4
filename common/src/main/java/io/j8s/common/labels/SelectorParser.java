package io.j8s.common.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The recursive-descent parser of the label selector syntax, following Go's labels.Parser so the
 * same strings are accepted and rejected, with the same messages:
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 * </pre>
 */
final class SelectorParser {

    private enum Kind { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, GREATER, LESS,
        OPEN_PAR, CLOSE_PAR, COMMA, END }

    private record Token(Kind kind, String literal) {

        /** Inside value lists "in" and "notin" are plain values: {@code x in (in)}. */
        Kind asValue() {
            return kind == Kind.IN || kind == Kind.NOT_IN ? Kind.IDENTIFIER : kind;
        }
    }

    private final List<Token> tokens;
    private int position;

    SelectorParser(String input) {
        this.tokens = lex(input);
    }

    List<Requirement> parse() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token next = peek();
            switch (next.asValue()) {
                case IDENTIFIER, BANG -> {
                    try {
                        requirements.add(parseRequirement());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage(), e);
                    }
                    Token after = next();
                    switch (after.kind()) {
                        case END -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Kind k = peek().asValue();
                            if (k != Kind.IDENTIFIER && k != Kind.BANG) {
                                throw error("found '" + peek().literal() + "', expected: identifier after ','");
                            }
                        }
                        default -> throw error("found '" + after.literal() + "', expected: ',' or 'end of string'");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw error("found '" + next.literal() + "', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirement() {
        boolean negated = false;
        Token key = next();
        if (key.kind() == Kind.BANG) {
            negated = true;
            key = next();
        }
        if (key.asValue() != Kind.IDENTIFIER) {
            throw error("found '" + key.literal() + "', expected: identifier");
        }
        LabelValidation.checkKey(key.literal());
        if (negated) {
            return Requirement.of(key.literal(), Requirement.Operator.DOES_NOT_EXIST);
        }
        Kind following = peek().kind();
        if (following == Kind.END || following == Kind.COMMA) {
            return Requirement.of(key.literal(), Requirement.Operator.EXISTS);
        }
        Requirement.Operator operator = parseOperator();
        List<String> values = switch (operator) {
            case IN, NOT_IN -> parseValueSet();
            default -> List.of(parseExactValue());
        };
        return new Requirement(key.literal(), operator, values);
    }

    private Requirement.Operator parseOperator() {
        Token token = next();
        return switch (token.kind()) {
            case IN -> Requirement.Operator.IN;
            case NOT_IN -> Requirement.Operator.NOT_IN;
            case EQUALS -> Requirement.Operator.EQUALS;
            case DOUBLE_EQUALS -> Requirement.Operator.DOUBLE_EQUALS;
            case NOT_EQUALS -> Requirement.Operator.NOT_EQUALS;
            case GREATER -> Requirement.Operator.GREATER_THAN;
            case LESS -> Requirement.Operator.LESS_THAN;
            default -> throw error("found '" + token.literal() + "', expected: in, notin, =, ==, !=, gt, lt");
        };
    }

    /** {@code (a,b)}; empty entries are the empty value, so {@code ()} and {@code (a,)} contain "". */
    private List<String> parseValueSet() {
        Token open = next();
        if (open.kind() != Kind.OPEN_PAR) {
            throw error("found '" + open.literal() + "' expected: '('");
        }
        TreeSet<String> values = new TreeSet<>();
        Token first = peek();
        switch (first.asValue()) {
            case CLOSE_PAR -> {
                next();
                values.add("");
                return List.copyOf(values);
            }
            case IDENTIFIER, COMMA -> {
            }
            default -> throw error("found '" + first.literal() + "', expected: ',', ')' or identifier");
        }
        boolean expectValue = true;
        while (true) {
            Token token = next();
            switch (token.asValue()) {
                case IDENTIFIER -> {
                    if (!expectValue) {
                        throw error("found '" + token.literal() + "', expected: ',' or ')'");
                    }
                    values.add(token.literal());
                    expectValue = false;
                }
                case COMMA -> {
                    if (expectValue) {
                        values.add("");
                    }
                    expectValue = true;
                }
                case CLOSE_PAR -> {
                    if (expectValue) {
                        values.add("");
                    }
                    return List.copyOf(values);
                }
                default -> throw error("found '" + token.literal() + "', expected: "
                        + (expectValue ? "',', or identifier" : "',' or ')'"));
            }
        }
    }

    private String parseExactValue() {
        Kind k = peek().kind();
        if (k == Kind.END || k == Kind.COMMA) {
            return "";
        }
        Token token = next();
        if (token.asValue() != Kind.IDENTIFIER) {
            throw error("found '" + token.literal() + "', expected: identifier");
        }
        return token.literal();
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message);
    }

    private static List<Token> lex(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (isSpecial(c)) {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("==")) {
                    tokens.add(new Token(two.equals("!=") ? Kind.NOT_EQUALS : Kind.DOUBLE_EQUALS, two));
                    i += 2;
                } else {
                    tokens.add(new Token(specialKind(c), String.valueOf(c)));
                    i++;
                }
            } else {
                int start = i;
                while (i < s.length() && !isSpecial(s.charAt(i)) && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                Kind kind = switch (word) {
                    case "in" -> Kind.IN;
                    case "notin" -> Kind.NOT_IN;
                    default -> Kind.IDENTIFIER;
                };
                tokens.add(new Token(kind, word));
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }

    private static boolean isSpecial(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }

    private static Kind specialKind(char c) {
        return switch (c) {
            case '=' -> Kind.EQUALS;
            case '!' -> Kind.BANG;
            case '(' -> Kind.OPEN_PAR;
            case ')' -> Kind.CLOSE_PAR;
            case ',' -> Kind.COMMA;
            case '>' -> Kind.GREATER;
            default -> Kind.LESS;
        };
    }
}
