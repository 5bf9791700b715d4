package io.j8s.apiserver.registry;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test helpers: JSON written with single quotes for readability, and error lists as their Status lines. */
public final class TestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestJson() {
    }

    public static ObjectNode json(String singleQuoted) {
        return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    /** {@code field: message} of each error, the way a user reads them in the Status message. */
    public static List<String> lines(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    public static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
