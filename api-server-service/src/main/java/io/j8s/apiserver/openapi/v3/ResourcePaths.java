package io.j8s.apiserver.openapi.v3;

import io.j8s.apiserver.registry.ResourceDefinition;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The paths and operations of one kind in its group version's OpenAPI v3 document, as kube-apiserver lists them. */
final class ResourcePaths {

    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
        "application/merge-patch+json", "application/strategic-merge-patch+json");

    private final ResourceDefinition def;
    private final String kindSchema;
    private final String listSchema;
    private final String gvPath;

    ResourcePaths(ResourceDefinition def, KubernetesSchemas schemas) {
        this.def = def;
        this.kindSchema = schemas.nameOf(def.group(), def.version(), def.kind()).orElseThrow();
        this.listSchema = def.createOnly() ? null
            : schemas.nameOf(def.group(), def.version(), def.type().listKind()).orElseThrow();
        this.gvPath = def.group().isEmpty() ? "/api/" + def.version() : "/apis/" + def.group() + "/" + def.version();
    }

    void addTo(ObjectNode paths, Set<String> schemaRoots) {
        schemaRoots.add(kindSchema);
        schemaRoots.add("io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        String plural = def.plural();
        String collection = def.namespaced() ? gvPath + "/namespaces/{namespace}/" + plural : gvPath + "/" + plural;
        String item = collection + "/{name}";
        String opSuffix = operationSuffix();

        ObjectNode collectionPath = paths.putObject(collection);
        if (def.createOnly()) {
            collectionPath.set("post", operation("post", "create" + opSuffix, kindSchema, true, false));
            collectionPath.set("parameters", pathParameters(def.namespaced(), false));
            return;
        }
        schemaRoots.add(listSchema);
        schemaRoots.add("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");
        collectionPath.set("get", operation("list", "list" + opSuffix, listSchema, false, true));
        collectionPath.set("post", operation("post", "create" + opSuffix, kindSchema, true, false));
        collectionPath.set("delete", operation("deletecollection", "deletecollection" + opSuffix,
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status", false, true));
        collectionPath.set("parameters", pathParameters(def.namespaced(), false));

        ObjectNode itemPath = paths.putObject(item);
        itemPath.set("get", operation("get", "read" + opSuffix, kindSchema, false, false));
        itemPath.set("put", operation("put", "replace" + opSuffix, kindSchema, true, false));
        itemPath.set("patch", patch("patch" + opSuffix, kindSchema));
        itemPath.set("delete", operation("delete", "delete" + opSuffix, kindSchema, false, false));
        itemPath.set("parameters", pathParameters(def.namespaced(), true));

        if (def.hasStatus()) {
            ObjectNode status = paths.putObject(item + "/status");
            status.set("get", operation("get", "read" + opSuffix + "Status", kindSchema, false, false));
            status.set("put", operation("put", "replace" + opSuffix + "Status", kindSchema, true, false));
            status.set("patch", patch("patch" + opSuffix + "Status", kindSchema));
            status.set("parameters", pathParameters(def.namespaced(), true));
        }
        if (def.hasScale()) {
            String scale = "io.k8s.api.autoscaling.v1.Scale";
            schemaRoots.add(scale);
            ObjectNode scalePath = paths.putObject(item + "/scale");
            scalePath.set("get", withKind(operation("get", "read" + opSuffix + "Scale", scale, false, false),
                "autoscaling", "v1", "Scale"));
            scalePath.set("put", withKind(operation("put", "replace" + opSuffix + "Scale", scale, true, false),
                "autoscaling", "v1", "Scale"));
            scalePath.set("patch", withKind(patch("patch" + opSuffix + "Scale", scale), "autoscaling", "v1", "Scale"));
            scalePath.set("parameters", pathParameters(def.namespaced(), true));
        }
        if (def.namespaced()) {
            ObjectNode all = paths.putObject(gvPath + "/" + plural);
            all.set("get", operation("list", "list" + def.kind() + "ForAllNamespaces", listSchema, false, true));
        }
    }

    /** {@code CoreV1NamespacedPod}, {@code AppsV1NamespacedDeployment}, {@code CoreV1Node}: kube-apiserver's ids. */
    private String operationSuffix() {
        String group = def.group().isEmpty() ? "Core" : capitalize(def.group().split("\\.")[0]);
        return group + capitalize(def.version()) + (def.namespaced() ? "Namespaced" : "") + def.kind();
    }

    private ObjectNode operation(String action, String operationId, String responseSchema, boolean write,
                                 boolean collection) {
        ObjectNode op = JsonNodeFactory.instance.objectNode();
        op.put("operationId", operationId);
        ArrayNode parameters = op.putArray("parameters");
        parameter(parameters, "pretty", "If 'true', then the output is pretty printed.");
        if (write) {
            dryRunAndManager(parameters);
            parameter(parameters, "fieldValidation", "fieldValidation instructs the server on how to handle objects "
                + "in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: "
                + "This will ignore any unknown fields that are silently dropped from the object, and will ignore all "
                + "but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the "
                + "standard warning response header for each unknown field that is dropped from the object, and for "
                + "each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest "
                + "error if any unknown fields would be dropped from the object, or if any duplicate fields are "
                + "present. The error returned from the server will contain all unknown and duplicate fields "
                + "encountered.");
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            ref(body.putObject("content").putObject("*/*").putObject("schema"), responseSchema);
        }
        if (collection) {
            for (String name : List.of("labelSelector", "fieldSelector", "limit", "continue", "resourceVersion",
                "watch", "allowWatchBookmarks", "timeoutSeconds")) {
                parameter(parameters, name, "");
            }
        }
        if (action.equals("delete") || action.equals("deletecollection")) {
            parameter(parameters, "dryRun", "");
            parameter(parameters, "gracePeriodSeconds", "");
            parameter(parameters, "propagationPolicy", "");
        }
        ObjectNode responses = op.putObject("responses");
        for (String code : action.equals("post") ? List.of("200", "201", "202") : List.of("200")) {
            ObjectNode response = responses.putObject(code);
            response.put("description", code.equals("201") ? "Created" : code.equals("202") ? "Accepted" : "OK");
            ObjectNode content = response.putObject("content");
            for (String type : List.of("application/json", "application/yaml")) {
                ref(content.putObject(type).putObject("schema"), responseSchema);
            }
        }
        responses.putObject("401").put("description", "Unauthorized");
        op.put("x-kubernetes-action", action);
        return withKind(op, def.group(), def.version(), def.kind());
    }

    private ObjectNode patch(String operationId, String schema) {
        ObjectNode op = operation("patch", operationId, schema, true, false);
        parameter((ArrayNode) op.get("parameters"), "force", "Force is going to \"force\" Apply requests.");
        ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
        for (String type : PATCH_TYPES) {
            ref(content.putObject(type).putObject("schema"), "io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        }
        return op;
    }

    private static void dryRunAndManager(ArrayNode parameters) {
        parameter(parameters, "dryRun", "When present, indicates that modifications should not be persisted.");
        parameter(parameters, "fieldManager", "fieldManager is a name associated with the actor or entity that is "
            + "making these changes.");
    }

    private static ObjectNode withKind(ObjectNode op, String group, String version, String kind) {
        op.putObject("x-kubernetes-group-version-kind").put("group", group).put("kind", kind).put("version", version);
        return op;
    }

    private static void parameter(ArrayNode parameters, String name, String description) {
        ObjectNode p = parameters.addObject();
        p.put("name", name).put("in", "query");
        if (!description.isEmpty()) {
            p.put("description", description);
        }
        p.putObject("schema").put("type", switch (name) {
            case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
            case "watch", "allowWatchBookmarks", "force" -> "boolean";
            default -> "string";
        });
        p.put("uniqueItems", true);
    }

    private static ArrayNode pathParameters(boolean namespaced, boolean named) {
        ArrayNode parameters = JsonNodeFactory.instance.arrayNode();
        if (named) {
            ObjectNode name = parameters.addObject().put("name", "name").put("in", "path").put("required", true);
            name.put("description", "name of the object");
            name.putObject("schema").put("type", "string");
        }
        if (namespaced) {
            ObjectNode ns = parameters.addObject().put("name", "namespace").put("in", "path").put("required", true);
            ns.put("description", "object name and auth scope, such as for teams and projects");
            ns.putObject("schema").put("type", "string");
        }
        return parameters;
    }

    private static void ref(ObjectNode schema, String name) {
        schema.put("$ref", KubernetesSchemas.REF_PREFIX + name);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
