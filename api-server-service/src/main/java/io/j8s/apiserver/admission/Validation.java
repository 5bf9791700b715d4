package io.j8s.apiserver.admission;

import io.j8s.apiserver.registry.FieldError;
import io.j8s.apiserver.registry.Objects;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.validation.NameRule;
import io.j8s.apiserver.registry.validation.ObjectMetaValidation;
import io.j8s.apiserver.rest.ApiException;
import io.j8s.apiserver.store.Subresource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last step: metadata (names, labels, annotations, owner references) and the kind's own rules; on updates also
 * what may not change, and no new finalizers on an object being deleted. Invalid objects are 422 with one cause per
 * field.
 */
@Component
class Validation implements AdmissionPlugin {

    @Override
    public Mono<Void> admit(AdmissionRequest request) {
        ObjectNode object = request.object();
        if (object == null) {
            return Mono.empty();
        }
        ResourceDefinition def = request.definition();
        NameRule names = NameRule.forKind(def.kind());
        List<FieldError> errors = new ArrayList<>();
        if (request.operation() == AdmissionRequest.Operation.CREATE) {
            errors.addAll(ObjectMetaValidation.validate(object, def.namespaced(), names));
            errors.addAll(def.strategy().validate(object));
        } else {
            ObjectNode old = request.oldObject();
            errors.addAll(ObjectMetaValidation.validateUpdate(object, old, def.namespaced(), names));
            errors.addAll(newFinalizersWhileDeleting(object, old));
            errors.addAll(request.subresource() == Subresource.STATUS
                ? def.strategy().validateStatusUpdate(object, old)
                : def.strategy().validateUpdate(object, old));
        }
        if (!errors.isEmpty()) {
            String name = Objects.metadata(object).path("name").asString("");
            return Mono.error(ApiException.invalid(def.group(), def.kind(), name, errors));
        }
        return Mono.empty();
    }

    private static List<FieldError> newFinalizersWhileDeleting(ObjectNode updated, ObjectNode current) {
        if (!current.path("metadata").has("deletionTimestamp")) {
            return List.of();
        }
        Set<String> before = strings(current.path("metadata").path("finalizers"));
        for (String finalizer : strings(updated.path("metadata").path("finalizers"))) {
            if (!before.contains(finalizer)) {
                return List.of(FieldError.forbidden("metadata.finalizers",
                    "no new finalizers can be added if the object is being deleted, found new finalizers [\""
                        + finalizer + "\"]"));
            }
        }
        return List.of();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asString()));
        }
        return values;
    }
}
