package io.j8s.apiserver.openapi;

import io.j8s.apiserver.registry.ResourceDefinition;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Component schemas, named as Kubernetes names them ({@code io.k8s.api.core.v1.Pod}). Kinds are
 * generic objects for now (apiVersion, kind, metadata and any other field); the metadata, list and
 * Status schemas are spelled out because every kind shares them.
 */
final class Schemas {

    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String OBJECT_META = META + "ObjectMeta";
    static final String LIST_META = META + "ListMeta";
    static final String STATUS = META + "Status";
    static final String DELETE_OPTIONS = META + "DeleteOptions";
    static final String PATCH = META + "Patch";
    static final String WATCH_EVENT = META + "WatchEvent";
    static final String API_RESOURCE_LIST = META + "APIResourceList";
    static final String API_GROUP_LIST = META + "APIGroupList";
    static final String API_GROUP = META + "APIGroup";
    static final String API_VERSIONS = META + "APIVersions";
    static final String VERSION_INFO = "io.k8s.apimachinery.pkg.version.Info";
    static final String GROUP_DISCOVERY_LIST = "io.k8s.api.apidiscovery.v2.APIGroupDiscoveryList";
    static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
    static final String BINDING = "io.k8s.api.core.v1.Binding";

    private Schemas() {
    }

    /** {@code io.k8s.api.core.v1} for the core group, {@code io.k8s.api.apps.v1}, {@code io.k8s.api.coordination.v1}. */
    static String packageOf(String group, String version) {
        String pkg = group.isEmpty() ? "core" : group.split("\\.")[0];
        return "io.k8s.api." + pkg + "." + version;
    }

    static String kindName(ResourceDefinition d) {
        return packageOf(d.group(), d.version()) + "." + d.kind();
    }

    static String listName(ResourceDefinition d) {
        return packageOf(d.group(), d.version()) + "." + d.type().listKind();
    }

    /** A schema of one JSON type, typed for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<Object> typed(String type) {
        Schema<Object> s = new Schema<>();
        s.setType(type);
        s.addType(type);
        return s;
    }

    static Schema<Object> string(String description) {
        return typed("string").description(description);
    }

    static Schema<Object> integer(String description) {
        Schema<Object> s = typed("integer").description(description);
        s.setFormat("int64");
        return s;
    }

    static Schema<Object> bool(String description) {
        return typed("boolean").description(description);
    }

    static Schema<Object> ref(String name) {
        Schema<Object> s = new Schema<>();
        s.set$ref("#/components/schemas/" + name);
        return s;
    }

    static Schema<Object> arrayOf(Schema<?> items) {
        Schema<Object> s = typed("array");
        s.setItems(items);
        return s;
    }

    static Schema<Object> stringMap(String description) {
        return typed("object").description(description).additionalProperties(typed("string"));
    }

    static Schema<Object> freeObject(String description) {
        return typed("object").description(description).additionalProperties(Boolean.TRUE);
    }

    /** Every schema the document references, in a stable order. */
    static Map<String, Schema> all(List<ResourceDefinition> definitions) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put(OBJECT_META, objectMeta());
        schemas.put(LIST_META, listMeta());
        schemas.put(STATUS, status());
        schemas.put(DELETE_OPTIONS, deleteOptions());
        schemas.put(PATCH, typed("object").description(
            "A patch: a JSON merge patch or strategic merge patch object, or a JSON patch (RFC 6902) array."));
        schemas.put(WATCH_EVENT, watchEvent());
        for (ResourceDefinition d : definitions) {
            schemas.put(kindName(d), kind(d));
            schemas.put(listName(d), list(d));
        }
        schemas.put(SCALE, kindSchema("Scale represents a scaling request for a resource.",
            "autoscaling", "v1", "Scale", List.of("spec", "status")));
        schemas.put(BINDING, binding());
        schemas.put(VERSION_INFO, versionInfo());
        schemas.put(API_VERSIONS, freeObject("APIVersions lists the versions available under /api."));
        schemas.put(API_GROUP_LIST, freeObject("APIGroupList is a list of APIGroup, served at /apis."));
        schemas.put(API_GROUP, freeObject("APIGroup contains the name, the supported versions, and the preferred "
            + "version of a group."));
        schemas.put(API_RESOURCE_LIST, freeObject("APIResourceList is the list of resources served in a group version."));
        schemas.put(GROUP_DISCOVERY_LIST, freeObject("Aggregated discovery (apidiscovery.k8s.io/v2): every group, "
            + "version and resource in one document."));
        return schemas;
    }

    private static Schema<Object> kind(ResourceDefinition d) {
        List<String> extra = new ArrayList<>();
        switch (d.kind()) {
            case "Endpoints" -> extra.add("subsets");
            case "Event" -> extra.addAll(List.of("involvedObject", "reason", "message", "type", "source"));
            default -> {
                extra.add("spec");
                if (d.hasStatus()) {
                    extra.add("status");
                }
            }
        }
        return kindSchema(d.kind() + " (" + d.apiVersion() + "). Generic schema: every field of the Kubernetes "
            + d.kind() + " is accepted and kept.", d.group(), d.version(), d.kind(), extra);
    }

    private static Schema<Object> kindSchema(String description, String group, String version, String kind,
                                             List<String> objectFields) {
        Schema<Object> s = typed("object").description(description);
        String apiVersion = group.isEmpty() ? version : group + "/" + version;
        s.addProperty("apiVersion", string("APIVersion of this object: " + apiVersion + ".").example(apiVersion));
        s.addProperty("kind", string("Kind of this object: " + kind + ".").example(kind));
        s.addProperty("metadata", ref(OBJECT_META));
        for (String field : objectFields) {
            s.addProperty(field, freeObject(field + " of the " + kind + "."));
        }
        s.additionalProperties(Boolean.TRUE);
        s.addExtension("x-kubernetes-group-version-kind", List.of(gvk(group, version, kind)));
        return s;
    }

    private static Schema<Object> list(ResourceDefinition d) {
        Schema<Object> s = typed("object").description(d.type().listKind() + " is a list of " + d.kind() + ".");
        s.addProperty("apiVersion", string("APIVersion of the list.").example(d.apiVersion()));
        s.addProperty("kind", string("Kind of the list.").example(d.type().listKind()));
        s.addProperty("metadata", ref(LIST_META));
        s.addProperty("items", arrayOf(ref(kindName(d))));
        s.setRequired(List.of("items"));
        s.addExtension("x-kubernetes-group-version-kind",
            List.of(gvk(d.group(), d.version(), d.type().listKind())));
        return s;
    }

    private static Schema<Object> binding() {
        Schema<Object> s = typed("object").description(
            "Binding ties one object to another; here a pod to a node (sets spec.nodeName once).");
        s.addProperty("apiVersion", string("v1").example("v1"));
        s.addProperty("kind", string("Binding").example("Binding"));
        s.addProperty("metadata", ref(OBJECT_META));
        Schema<Object> target = typed("object").description("The Node to bind to.");
        target.addProperty("apiVersion", string("v1"));
        target.addProperty("kind", string("Node"));
        target.addProperty("name", string("Name of the node."));
        s.addProperty("target", target);
        s.setRequired(List.of("target"));
        s.addExtension("x-kubernetes-group-version-kind", List.of(gvk("", "v1", "Binding")));
        return s;
    }

    private static Schema<Object> objectMeta() {
        Schema<Object> s = typed("object").description("Standard object metadata.");
        s.addProperty("name", string("Unique within a namespace; a DNS subdomain."));
        s.addProperty("generateName", string("Prefix for a server-generated name when name is empty."));
        s.addProperty("namespace", string("Namespace of a namespaced object."));
        s.addProperty("uid", string("Set by the server."));
        s.addProperty("resourceVersion", string("Opaque version for optimistic concurrency; the etcd revision."));
        s.addProperty("generation", integer("Bumped by the server when the spec changes."));
        s.addProperty("creationTimestamp", string("RFC 3339 time, set by the server."));
        s.addProperty("deletionTimestamp", string("RFC 3339 time at which deletion was requested."));
        s.addProperty("deletionGracePeriodSeconds", integer("Seconds allowed for graceful termination."));
        s.addProperty("labels", stringMap("Labels, used by selectors."));
        s.addProperty("annotations", stringMap("Annotations: arbitrary non-identifying metadata."));
        s.addProperty("finalizers", arrayOf(typed("string")).description(
            "Must be empty before the object is deleted from storage."));
        s.addProperty("ownerReferences", arrayOf(freeObject("An owner of this object.")));
        s.additionalProperties(Boolean.TRUE);
        return s;
    }

    private static Schema<Object> listMeta() {
        Schema<Object> s = typed("object").description("Standard list metadata.");
        s.addProperty("resourceVersion", string("The etcd revision the list was read at; watch from here."));
        s.addProperty("continue", string("Token for the next page when limit was set."));
        s.addProperty("remainingItemCount", integer("Number of items after this page, when known."));
        return s;
    }

    private static Schema<Object> status() {
        Schema<Object> s = typed("object").description("The result of a call that does not return an object, "
            + "and every error.");
        s.addProperty("apiVersion", string("v1").example("v1"));
        s.addProperty("kind", string("Status").example("Status"));
        s.addProperty("metadata", ref(LIST_META));
        s.addProperty("status", string("Success or Failure.").example("Failure"));
        s.addProperty("message", string("Human-readable description.").example("pods \"x\" not found"));
        s.addProperty("reason", string("Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, "
            + "BadRequest, Expired, ...").example("NotFound"));
        Schema<Object> cause = typed("object");
        cause.addProperty("reason", string("FieldValueRequired, FieldValueInvalid, ..."));
        cause.addProperty("message", string("What is wrong with the field."));
        cause.addProperty("field", string("Path of the field: spec.containers[0].image."));
        Schema<Object> details = typed("object");
        details.addProperty("name", string("Name of the object."));
        details.addProperty("group", string("Group of the object."));
        details.addProperty("kind", string("Kind or resource of the object."));
        details.addProperty("causes", arrayOf(cause));
        s.addProperty("details", details);
        s.addProperty("code", integer("HTTP status code.").example(404));
        s.addExtension("x-kubernetes-group-version-kind", List.of(gvk("", "v1", "Status")));
        return s;
    }

    private static Schema<Object> deleteOptions() {
        Schema<Object> s = typed("object").description("Options for a delete; every field is optional.");
        s.addProperty("apiVersion", string("v1"));
        s.addProperty("kind", string("DeleteOptions"));
        s.addProperty("gracePeriodSeconds", integer("Seconds before the object is deleted; 0 deletes at once."));
        s.addProperty("propagationPolicy", string("Orphan, Background or Foreground."));
        Schema<Object> pre = typed("object");
        pre.addProperty("uid", string("Delete only if the object has this uid."));
        pre.addProperty("resourceVersion", string("Delete only if the object has this resourceVersion."));
        s.addProperty("preconditions", pre);
        s.addProperty("dryRun", arrayOf(typed("string")));
        return s;
    }

    private static Schema<Object> watchEvent() {
        Schema<Object> s = typed("object").description("One event of a watch stream.");
        s.addProperty("type", string("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR."));
        s.addProperty("object", freeObject("The object (a Status for ERROR)."));
        s.setRequired(List.of("type", "object"));
        return s;
    }

    private static Schema<Object> versionInfo() {
        Schema<Object> s = typed("object").description("The server's version.");
        for (String f : List.of("major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate",
            "goVersion", "compiler", "platform")) {
            s.addProperty(f, typed("string"));
        }
        return s;
    }

    static Map<String, String> gvk(String group, String version, String kind) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("version", version);
        m.put("kind", kind);
        return m;
    }
}
