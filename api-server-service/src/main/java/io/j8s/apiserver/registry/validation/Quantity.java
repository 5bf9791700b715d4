package io.j8s.apiserver.registry.validation;

import io.j8s.apiserver.registry.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1Gi}, {@code 0.5}, {@code 1e3}): syntax check and
 * exact value, enough to compare requests with limits and to compute a pod's QoS class.
 */
public final class Quantity {

    /** Kubernetes' message for a string that is not a quantity. */
    public static final String SYNTAX_ERROR =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    // Binary suffixes first so "Mi" is not read as "M" + junk; a bare E is exa, E/e followed by digits an exponent.
    private static final Pattern SYNTAX = Pattern.compile(
        "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
        Map.entry("", BigDecimal.ONE),
        Map.entry("n", new BigDecimal("1e-9")),
        Map.entry("u", new BigDecimal("1e-6")),
        Map.entry("m", new BigDecimal("1e-3")),
        Map.entry("k", new BigDecimal("1e3")),
        Map.entry("M", new BigDecimal("1e6")),
        Map.entry("G", new BigDecimal("1e9")),
        Map.entry("T", new BigDecimal("1e12")),
        Map.entry("P", new BigDecimal("1e15")),
        Map.entry("E", new BigDecimal("1e18")),
        Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
        Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
        Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
        Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
        Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
        Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    private Quantity() {
    }

    /** The exact value of a quantity string, or empty when it is not one. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String number = m.group(1);
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal value;
        try {
            value = new BigDecimal(number.startsWith("+") ? number.substring(1) : number);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') && suffix.charAt(1) != 'i') {
            try {
                int exponent = Integer.parseInt(suffix.substring(1));
                if (Math.abs(exponent) > 1000) {
                    return Optional.empty();
                }
                return Optional.of(value.scaleByPowerOfTen(exponent));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(value.multiply(SUFFIXES.get(suffix)));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /**
     * Reads a quantity field, which JSON may carry as a string ({@code "500m"}) or a number ({@code 2}); on a
     * bad value adds the Kubernetes error at {@code path} and returns null.
     */
    public static BigDecimal read(JsonNode node, String path, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            Optional<BigDecimal> value = parse(node.stringValue());
            if (value.isEmpty()) {
                errors.add(FieldError.invalid(path, node.stringValue(), SYNTAX_ERROR));
                return null;
            }
            return value.get();
        }
        errors.add(Fields.typeInvalid(path, node, "a quantity (string or number)"));
        return null;
    }

    /** The text of a quantity as the client wrote it, for messages. */
    public static String text(JsonNode node) {
        return node.isString() ? node.stringValue().trim() : node.toString();
    }
}
