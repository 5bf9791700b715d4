package io.j8s.apiserver.openapi.v3;

import io.j8s.apiserver.patch.PatchMeta;
import io.j8s.apiserver.registry.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the request handlers ask of the upstream schemas: how a kind's fields merge under a strategic merge patch,
 * and which fields of an object its kind does not have ({@code fieldValidation=Strict|Warn}).
 */
@Component
public class ObjectSchemas {

    private final KubernetesSchemas schemas;

    public ObjectSchemas(KubernetesSchemas schemas) {
        this.schemas = schemas;
    }

    public PatchMeta patchMeta(ResourceDefinition def) {
        return schemas.nameOf(def.group(), def.version(), def.kind())
            .flatMap(schemas::schema)
            .<PatchMeta>map(schema -> new SchemaPatchMeta(schemas, schema))
            .orElse(PatchMeta.UNKNOWN);
    }

    /**
     * The paths of the fields in {@code object} that its kind's schema does not declare, as kube-apiserver's strict
     * decoder names them: {@code spec.template.spec.containers[0].foo}.
     */
    public List<String> unknownFields(ResourceDefinition def, JsonNode object) {
        List<String> unknown = new ArrayList<>();
        schemas.nameOf(def.group(), def.version(), def.kind()).flatMap(schemas::schema)
            .ifPresent(schema -> walk(object, schema, "", unknown));
        return unknown;
    }

    private void walk(JsonNode value, JsonNode schema, String path, List<String> unknown) {
        JsonNode resolved = schemas.resolve(schema);
        if (resolved.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = resolved.path("properties");
            JsonNode additional = resolved.path("additionalProperties");
            if (properties.isMissingNode() && !additional.isObject()) {
                return; // a free-form object
            }
            value.properties().forEach(entry -> {
                String childPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                JsonNode childSchema = properties.get(entry.getKey());
                if (childSchema == null && additional.isObject()) {
                    childSchema = additional;
                }
                if (childSchema == null) {
                    unknown.add(childPath);
                } else {
                    walk(entry.getValue(), childSchema, childPath, unknown);
                }
            });
        } else if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), resolved.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }
}
