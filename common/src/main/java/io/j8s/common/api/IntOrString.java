package io.j8s.common.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;

/**
 * intstr.IntOrString: a port given as {@code 8080} or {@code "http"}, a surge as {@code 1} or
 * {@code "25%"}. On the wire it is a bare number or a bare string, never an object.
 */
public record IntOrString(Integer intValue, String strValue) {

    public IntOrString {
        if ((intValue == null) == (strValue == null)) {
            throw new IllegalArgumentException("IntOrString holds exactly one of an int or a string");
        }
    }

    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, value);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static IntOrString fromJson(JsonNode node) {
        if (node.isIntegralNumber()) {
            return of(node.intValue());
        }
        if (node.isString()) {
            return of(node.stringValue());
        }
        throw new IllegalArgumentException("expected an int or a string, got " + node);
    }

    @JsonValue
    Object toJson() {
        return isInt() ? intValue : strValue;
    }

    public boolean isInt() {
        return intValue != null;
    }

    /**
     * The absolute value against {@code total}: an int as is, {@code "25%"} as that share of total,
     * rounded up or down (Go's intstr.GetScaledValueFromIntOrPercent, used for maxSurge/maxUnavailable).
     */
    public int scaledValue(int total, boolean roundUp) {
        if (isInt()) {
            return intValue;
        }
        if (!strValue.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage: " + strValue);
        }
        int percent;
        try {
            percent = Integer.parseInt(strValue.substring(0, strValue.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + strValue + "\": not a percentage");
        }
        long scaled = (long) percent * total;
        return (int) (roundUp ? -Math.floorDiv(-scaled, 100) : Math.floorDiv(scaled, 100));
    }

    @Override
    public String toString() {
        return String.valueOf(toJson());
    }
}
