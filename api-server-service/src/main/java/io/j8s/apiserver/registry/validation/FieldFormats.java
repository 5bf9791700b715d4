package io.j8s.apiserver.registry.validation;

import static io.j8s.common.validation.Formats.isDns1035Label;
import static io.j8s.common.validation.Formats.isDns1123Label;
import static io.j8s.common.validation.Formats.isDns1123Subdomain;
import static io.j8s.common.validation.Formats.isLabelValue;
import static io.j8s.common.validation.Formats.isQualifiedName;

import io.j8s.apiserver.registry.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' format checks ({@link io.j8s.common.validation.Formats}) reported as field errors. */
public final class FieldFormats {

    private FieldFormats() {
    }

    public static List<FieldError> validateDns1123Label(String value, String path) {
        return invalidEach(path, value, isDns1123Label(value));
    }

    public static List<FieldError> validateDns1123Subdomain(String value, String path) {
        return invalidEach(path, value, isDns1123Subdomain(value));
    }

    public static List<FieldError> validateDns1035Label(String value, String path) {
        return invalidEach(path, value, isDns1035Label(value));
    }

    /** A label key (qualified name); {@code path} is the map's path, as Kubernetes reports it. */
    public static List<FieldError> validateLabelName(String key, String path) {
        return invalidEach(path, key, isQualifiedName(key));
    }

    public static List<FieldError> validateLabelValue(String value, String path) {
        return invalidEach(path, value, isLabelValue(value));
    }

    /** One {@code Invalid value} error per message, as Kubernetes reports a failed format check. */
    public static List<FieldError> invalidEach(String path, Object value, List<String> messages) {
        List<FieldError> errs = new ArrayList<>(messages.size());
        for (String msg : messages) {
            errs.add(FieldError.invalid(path, value, msg));
        }
        return errs;
    }

}
