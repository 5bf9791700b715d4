package io.j8s.common.labels;

import io.j8s.common.validation.Formats;
import java.util.List;

/** Label keys (qualified names) and values checked by Kubernetes' rules, worded as a selector parser reports them. */
final class LabelValidation {

    private LabelValidation() {
    }

    /** Null when {@code key} is a valid label key, otherwise why not. */
    static String keyError(String key) {
        return firstOrNull(Formats.isQualifiedName(key));
    }

    /** Null when {@code value} is a valid label value (the empty string is), otherwise why not. */
    static String valueError(String value) {
        return firstOrNull(Formats.isLabelValue(value));
    }

    static void checkKey(String key) {
        String error = keyError(key);
        if (error != null) {
            throw new IllegalArgumentException("invalid label key \"" + key + "\": " + error);
        }
    }

    static void checkValue(String key, String value) {
        String error = valueError(value);
        if (error != null) {
            throw new IllegalArgumentException("invalid label value \"" + value + "\" for key \"" + key + "\": " + error);
        }
    }

    private static String firstOrNull(List<String> errors) {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
