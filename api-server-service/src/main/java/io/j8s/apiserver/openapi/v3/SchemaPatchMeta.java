package io.j8s.apiserver.openapi.v3;

import io.j8s.apiserver.patch.PatchMeta;
import tools.jackson.databind.JsonNode;

/** Patch metadata read from the OpenAPI schemas' {@code x-kubernetes-patch-*} extensions, as kube-apiserver does. */
final class SchemaPatchMeta implements PatchMeta {

    private final KubernetesSchemas schemas;
    private final JsonNode schema;

    SchemaPatchMeta(KubernetesSchemas schemas, JsonNode schema) {
        this.schemas = schemas;
        this.schema = schemas.resolve(schema);
    }

    @Override
    public Tag tag(String field) {
        JsonNode property = schema.path("properties").path(field);
        return new Tag(property.path("x-kubernetes-patch-strategy").asString(""),
            property.path("x-kubernetes-patch-merge-key").asString(""));
    }

    @Override
    public PatchMeta field(String field) {
        JsonNode value = schema.path("properties").path(field);
        if (value.isMissingNode()) {
            value = schema.path("additionalProperties");
        }
        if (!value.isObject()) {
            return PatchMeta.UNKNOWN;
        }
        JsonNode resolved = schemas.resolve(value);
        if ("array".equals(resolved.path("type").asString(""))) {
            resolved = schemas.resolve(resolved.path("items"));
        }
        return resolved.isObject() ? new SchemaPatchMeta(schemas, resolved) : PatchMeta.UNKNOWN;
    }
}
