package io.j8s.common.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2}, {@code 128Mi}, {@code 1e3}) as numbers,
 * for the scheduler's fit checks and the node agent's capacity: CPU in millicores, the rest in units.
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE]?)");

    private Quantities() {
    }

    /**
     * The exact amount a quantity stands for.
     *
     * @throws IllegalArgumentException when it is not a quantity
     */
    public static BigDecimal parse(String quantity) {
        Matcher m = quantity == null ? null : QUANTITY.matcher(quantity.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': \"" + quantity + "\"");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return switch (suffix) {
            case "" -> number;
            case "n" -> number.scaleByPowerOfTen(-9);
            case "u" -> number.scaleByPowerOfTen(-6);
            case "m" -> number.scaleByPowerOfTen(-3);
            case "k" -> number.scaleByPowerOfTen(3);
            case "M" -> number.scaleByPowerOfTen(6);
            case "G" -> number.scaleByPowerOfTen(9);
            case "T" -> number.scaleByPowerOfTen(12);
            case "P" -> number.scaleByPowerOfTen(15);
            case "E" -> number.scaleByPowerOfTen(18);
            default -> number.multiply(BigDecimal.valueOf(2).pow(10 * (" KMGTPE".indexOf(suffix.charAt(0)))));
        };
    }

    /** In thousandths, rounded up like Go's Quantity.MilliValue: {@code 0.5} and {@code 500m} are 500. */
    public static long milliValue(String quantity) {
        return parse(quantity).scaleByPowerOfTen(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** In whole units, rounded up like Go's Quantity.Value: {@code 1Ki} is 1024, {@code 100m} is 1. */
    public static long value(String quantity) {
        return parse(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
