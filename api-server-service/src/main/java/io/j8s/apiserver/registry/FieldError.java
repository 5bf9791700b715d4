package io.j8s.apiserver.registry;

/**
 * One reason an object is invalid, as Kubernetes reports it in {@code details.causes}: the field path
 * ({@code spec.containers[0].image}), the reason ({@code FieldValueRequired}) and a message a user can act on.
 */
public record FieldError(String field, Reason reason, String message) {

    public enum Reason {
        FieldValueRequired("Required value"),
        FieldValueNotFound("Not found"),
        FieldValueInvalid("Invalid value"),
        FieldValueNotSupported("Unsupported value"),
        FieldValueDuplicate("Duplicate value"),
        FieldValueForbidden("Forbidden"),
        FieldValueTooLong("Too long"),
        FieldValueTooMany("Too many"),
        FieldValueTypeInvalid("Invalid value");

        private final String summary;

        Reason(String summary) {
            this.summary = summary;
        }

        public String summary() {
            return summary;
        }
    }

    public static FieldError required(String field) {
        return new FieldError(field, Reason.FieldValueRequired, "Required value");
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(field, Reason.FieldValueRequired, "Required value: " + detail);
    }

    /** {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}, as Kubernetes words it. */
    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Reason.FieldValueInvalid, "Invalid value: " + quote(value) + ": " + detail);
    }

    public static FieldError notSupported(String field, Object value, java.util.Collection<String> supported) {
        String list = supported.stream().map(s -> "\"" + s + "\"").reduce((a, b) -> a + ", " + b).orElse("");
        return new FieldError(field, Reason.FieldValueNotSupported,
            "Unsupported value: " + quote(value) + ": supported values: " + list);
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(field, Reason.FieldValueNotFound, "Not found: " + quote(value));
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(field, Reason.FieldValueDuplicate, "Duplicate value: " + quote(value));
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Reason.FieldValueForbidden, "Forbidden: " + detail);
    }

    public static FieldError tooLong(String field, int max) {
        return new FieldError(field, Reason.FieldValueTooLong, "Too long: must have at most " + max + " bytes");
    }

    /** {@code endpoints: Too many: 1001: must have at most 1000 items}, for lists over a limit (field.TooMany). */
    public static FieldError tooMany(String field, int actual, int max) {
        return new FieldError(field, Reason.FieldValueTooMany,
            "Too many: " + actual + ": must have at most " + max + " items");
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** {@code field: message}, the form used in the Status message. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
