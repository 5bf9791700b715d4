package io.j8s.common.labels;

import java.util.regex.Pattern;

/** Kubernetes' rules for label keys (qualified names) and label values, with its messages. */
final class LabelValidation {

    private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_FMT);
    private static final Pattern VALUE = Pattern.compile("(" + NAME_FMT + ")?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_NAME = 63;
    private static final int MAX_PREFIX = 253;

    private LabelValidation() {
    }

    /** Null when {@code key} is a valid label key, otherwise why not. */
    static String keyError(String key) {
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                return "prefix part must be non-empty";
            }
            if (prefix.length() > MAX_PREFIX) {
                return "prefix part must be no more than " + MAX_PREFIX + " characters";
            }
            if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                        + " characters, '-' or '.', and must start and end with an alphanumeric character";
            }
        } else {
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start"
                    + " and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'"
                    + " (e.g. 'example.com/MyName')";
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > MAX_NAME) {
            return "name part must be no more than " + MAX_NAME + " characters";
        }
        if (!NAME.matcher(name).matches()) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                    + " with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')";
        }
        return null;
    }

    /** Null when {@code value} is a valid label value (the empty string is), otherwise why not. */
    static String valueError(String value) {
        if (value.length() > MAX_NAME) {
            return "must be no more than " + MAX_NAME + " characters";
        }
        if (!VALUE.matcher(value).matches()) {
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.',"
                    + " and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')";
        }
        return null;
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
}
