package io.j8s.apiserver.openapi;

import io.j8s.apiserver.discovery.DiscoveryHandler;
import io.j8s.apiserver.discovery.ServerVersion;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes the Kubernetes API into the springdoc OpenAPI document ({@code /v3/api-docs}, shown by
 * Swagger UI at {@code /swagger-ui.html}). The REST endpoints are generic functional routes that
 * springdoc cannot describe, so every path, operation, parameter, body and response comes from the
 * {@link ResourceRegistry}, named as kube-apiserver names them ({@code listCoreV1NamespacedPod},
 * {@code createAppsV1NamespacedDeployment}, tags {@code core_v1}, {@code apps_v1}).
 */
@Component
public class KubernetesOpenApiCustomizer implements OpenApiCustomizer {

    static final String JSON = "application/json";
    static final String YAML = "application/yaml";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String WATCH_STREAM = "application/json;stream=watch";
    static final String EVENT_STREAM = "text/event-stream";

    private static final String DISCOVERY_TAG = "discovery";
    private static final String VERSION_TAG = "version";

    private static final YAMLMapper YAML_MAPPER = YAMLMapper.builder()
        .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
        .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
        .build();

    private final ResourceRegistry registry;

    public KubernetesOpenApiCustomizer(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(new Info()
            .title("j8s Kubernetes API")
            .version(ServerVersion.GIT_VERSION)
            .description("The Kubernetes API served by j8s: the same paths, verbs and JSON as kube-apiserver. "
                + "Errors are Kubernetes Status objects. Lists watch with ?watch=true (newline-delimited "
                + "JSON, or Server-Sent Events with Accept: text/event-stream)."));
        // Relative to the document's own URL, so "Try it out" calls the server that served the page.
        openApi.setServers(new ArrayList<>(List.of(new Server().url("/").description("this j8s API server"))));

        Paths paths = new Paths();
        if (openApi.getPaths() != null) {
            // keep what springdoc found elsewhere, but not its guesses at the generic Kubernetes routes
            openApi.getPaths().forEach((path, item) -> {
                if (!isKubernetesPath(path)) {
                    paths.addPathItem(path, item);
                }
            });
        }
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag().name(VERSION_TAG).description("Server version"));
        tags.add(new Tag().name(DISCOVERY_TAG).description("API groups, versions and resources"));

        paths.addPathItem("/version", new PathItem().get(versionOperation()));
        paths.addPathItem("/api", new PathItem().get(discoveryOperation("getCoreAPIVersions",
            "get available API versions of the core group", Schemas.API_VERSIONS, true)));
        paths.addPathItem("/apis", new PathItem().get(discoveryOperation("getAPIVersions",
            "get available API groups", Schemas.API_GROUP_LIST, true)));
        List<String> groupsDone = new ArrayList<>();
        for (String gv : registry.groupVersions()) {
            String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
            String version = gv.contains("/") ? gv.substring(gv.indexOf('/') + 1) : gv;
            if (!group.isEmpty() && !groupsDone.contains(group)) {
                groupsDone.add(group);
                paths.addPathItem("/apis/" + group, new PathItem().get(discoveryOperation(
                    "get" + groupName(group) + "APIGroup", "get information of group " + group,
                    Schemas.API_GROUP, false)));
            }
            String gvPath = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
            paths.addPathItem(gvPath, new PathItem().get(discoveryOperation(
                "get" + groupVersionName(group, version) + "APIResources",
                "get available resources of " + gv, Schemas.API_RESOURCE_LIST, false)));
            String tag = tagName(group, version);
            tags.add(new Tag().name(tag).description(gv + " resources"));
            for (ResourceDefinition d : registry.inGroupVersion(group, version)) {
                addResource(paths, d, gvPath, tag);
            }
        }
        openApi.setPaths(paths);

        List<Tag> existingTags = openApi.getTags() == null ? List.of() : openApi.getTags();
        for (Tag t : existingTags) {
            if (tags.stream().noneMatch(x -> x.getName().equals(t.getName()))) {
                tags.add(t);
            }
        }
        openApi.setTags(tags);

        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        Schemas.all(registry.all()).forEach(components::addSchemas);
        openApi.setComponents(components);
    }

    /** Paths this customizer owns: {@code /version}, {@code /api...}, {@code /apis...}. */
    static boolean isKubernetesPath(String path) {
        return path.equals("/version") || path.equals("/api") || path.startsWith("/api/")
            || path.equals("/apis") || path.startsWith("/apis/");
    }

    // ----- names ------------------------------------------------------------------------------

    /** {@code Core}, {@code Apps}, {@code Coordination}, {@code RbacAuthorization}: as Kubernetes' operation ids. */
    static String groupName(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        String g = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
        StringBuilder sb = new StringBuilder();
        for (String part : g.split("[.\\-]")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    static String groupVersionName(String group, String version) {
        return groupName(group) + Character.toUpperCase(version.charAt(0)) + version.substring(1);
    }

    /** {@code core_v1}, {@code apps_v1}, {@code coordination_v1}: Kubernetes' tags. */
    static String tagName(String group, String version) {
        String g = groupName(group);
        return Character.toLowerCase(g.charAt(0)) + g.substring(1) + "_" + version;
    }

    // ----- one resource -----------------------------------------------------------------------

    private void addResource(Paths paths, ResourceDefinition d, String gvPath, String tag) {
        String gvName = groupVersionName(d.group(), d.version());
        String scope = d.namespaced() ? "Namespaced" : "";
        String collection = d.namespaced()
            ? gvPath + "/namespaces/{namespace}/" + d.plural()
            : gvPath + "/" + d.plural();
        String item = collection + "/{name}";
        String kindRef = Schemas.kindName(d);
        Map<String, String> gvk = Schemas.gvk(d.group(), d.version(), d.kind());
        if (d.createOnly()) {
            // a review: POST the question, the answer comes back in status; nothing is stored
            paths.addPathItem(collection, new PathItem().post(op(tag, "create" + gvName + scope + d.kind(),
                "create a " + d.kind(), "post", gvk)
                .requestBody(objectBody(kindRef, ExampleObjects.object(d)))
                .responses(responses(objectResponses(kindRef, "201"), "400", "422"))));
            return;
        }

        // collection: list (+watch), create, deletecollection
        PathItem collectionItem = new PathItem();
        collectionItem.setParameters(scopeParameters(d, false));
        collectionItem.get(op(tag, "list" + gvName + scope + d.kind(),
            "list or watch objects of kind " + d.kind(), "list", gvk)
            .parameters(listParameters())
            .responses(responses(listResponse(d), "400", "410")));
        collectionItem.post(op(tag, "create" + gvName + scope + d.kind(), "create a " + d.kind(), "post", gvk)
            .parameters(writeParameters())
            .requestBody(objectBody(kindRef, ExampleObjects.object(d)))
            .responses(responses(objectResponses(kindRef, "200", "201", "202"), "400", "404", "409", "422")));
        collectionItem.delete(op(tag, "delete" + gvName + "Collection" + scope + d.kind(),
            "delete collection of " + d.kind(), "deletecollection", gvk)
            .parameters(concat(listParameters(), deleteParameters()))
            .requestBody(deleteOptionsBody())
            .responses(responses(objectResponses(Schemas.STATUS, "200"), "400")));
        paths.addPathItem(collection, collectionItem);

        // all namespaces
        if (d.namespaced()) {
            PathItem all = new PathItem();
            all.get(op(tag, "list" + gvName + d.kind() + "ForAllNamespaces",
                "list or watch objects of kind " + d.kind() + " in every namespace", "list", gvk)
                .parameters(listParameters())
                .responses(responses(listResponse(d), "400", "410")));
            paths.addPathItem(gvPath + "/" + d.plural(), all);
        }

        // one object: read, replace, patch, delete
        PathItem object = new PathItem();
        object.setParameters(scopeParameters(d, true));
        object.get(op(tag, "read" + gvName + scope + d.kind(), "read the specified " + d.kind(), "get", gvk)
            .responses(responses(objectResponses(kindRef, "200"), "404")));
        object.put(op(tag, "replace" + gvName + scope + d.kind(), "replace the specified " + d.kind()
            + " (send the resourceVersion you read; a stale one is 409 Conflict)", "put", gvk)
            .parameters(writeParameters())
            .requestBody(objectBody(kindRef, ExampleObjects.object(d)))
            .responses(responses(objectResponses(kindRef, "200", "201"), "400", "404", "409", "422")));
        object.patch(op(tag, "patch" + gvName + scope + d.kind(), "partially update the specified " + d.kind(),
            "patch", gvk)
            .parameters(writeParameters())
            .requestBody(patchBody(ExampleObjects.mergePatch(d, false), ExampleObjects.jsonPatch(d, false)))
            .responses(responses(objectResponses(kindRef, "200", "201"), "400", "404", "409", "415", "422")));
        object.delete(op(tag, "delete" + gvName + scope + d.kind(), "delete a " + d.kind()
            + " (objects with finalizers get a deletionTimestamp and stay until the finalizers are gone)",
            "delete", gvk)
            .parameters(deleteParameters())
            .requestBody(deleteOptionsBody())
            .responses(responses(objectResponses(kindRef, "200", "202"), "404", "409")));
        paths.addPathItem(item, object);

        if (d.hasStatus()) {
            PathItem status = new PathItem();
            status.setParameters(scopeParameters(d, true));
            String base = gvName + scope + d.kind() + "Status";
            status.get(op(tag, "read" + base, "read status of the specified " + d.kind(), "get", gvk)
                .responses(responses(objectResponses(kindRef, "200"), "404")));
            status.put(op(tag, "replace" + base, "replace status of the specified " + d.kind()
                + " (only status is written)", "put", gvk)
                .parameters(writeParameters())
                .requestBody(objectBody(kindRef, ExampleObjects.object(d)))
                .responses(responses(objectResponses(kindRef, "200", "201"), "400", "404", "409", "422")));
            status.patch(op(tag, "patch" + base, "partially update status of the specified " + d.kind(),
                "patch", gvk)
                .parameters(writeParameters())
                .requestBody(patchBody(ExampleObjects.statusPatch(d), List.of(Map.of(
                    "op", "add", "path", "/status/conditions", "value", List.of()))))
                .responses(responses(objectResponses(kindRef, "200", "201"), "400", "404", "409", "415", "422")));
            paths.addPathItem(item + "/status", status);
        }

        if (d.hasScale()) {
            Map<String, String> scaleGvk = Schemas.gvk("autoscaling", "v1", "Scale");
            PathItem scale = new PathItem();
            scale.setParameters(scopeParameters(d, true));
            String base = gvName + scope + d.kind() + "Scale";
            scale.get(op(tag, "read" + base, "read scale of the specified " + d.kind(), "get", scaleGvk)
                .responses(responses(objectResponses(Schemas.SCALE, "200"), "404")));
            scale.put(op(tag, "replace" + base, "replace scale of the specified " + d.kind()
                + " (sets spec.replicas)", "put", scaleGvk)
                .parameters(writeParameters())
                .requestBody(objectBody(Schemas.SCALE, ExampleObjects.scale(d)))
                .responses(responses(objectResponses(Schemas.SCALE, "200", "201"), "400", "404", "409", "422")));
            scale.patch(op(tag, "patch" + base, "partially update scale of the specified " + d.kind(), "patch",
                scaleGvk)
                .parameters(writeParameters())
                .requestBody(patchBody(ExampleObjects.mergePatch(d, true), ExampleObjects.jsonPatch(d, true)))
                .responses(responses(objectResponses(Schemas.SCALE, "200", "201"), "400", "404", "409", "415",
                    "422")));
            paths.addPathItem(item + "/scale", scale);
        }

        if (d.group().isEmpty() && d.plural().equals("pods")) {
            PathItem binding = new PathItem();
            binding.setParameters(scopeParameters(d, true));
            binding.post(op(tag, "create" + gvName + scope + d.kind() + "Binding",
                "bind the pod to a node (sets spec.nodeName; binding a bound pod is 409 Conflict)", "post",
                Schemas.gvk("", "v1", "Binding"))
                .parameters(writeParameters())
                .requestBody(objectBody(Schemas.BINDING, ExampleObjects.binding(d)))
                .responses(responses(objectResponses(Schemas.STATUS, "201"), "400", "404", "409", "422")));
            paths.addPathItem(item + "/binding", binding);
        }
    }

    // ----- operations -------------------------------------------------------------------------

    private static Operation op(String tag, String id, String summary, String action, Map<String, String> gvk) {
        Operation op = new Operation().operationId(id).summary(summary).description(summary).tags(List.of(tag));
        op.addExtension("x-kubernetes-action", action);
        op.addExtension("x-kubernetes-group-version-kind", gvk);
        return op;
    }

    private static Operation versionOperation() {
        ApiResponses r = new ApiResponses();
        r.addApiResponse("200", new ApiResponse().description("OK").content(json(Schemas.VERSION_INFO)));
        return new Operation().operationId("getCodeVersion").summary("get the version information for this server")
            .description("kubectl's first call; reports Kubernetes 1.32.").tags(List.of(VERSION_TAG)).responses(r);
    }

    private static Operation discoveryOperation(String id, String summary, String schema, boolean aggregated) {
        Content content = json(schema);
        String description = summary;
        if (aggregated) {
            content.addMediaType(DiscoveryHandler.AGGREGATED_V2_CONTENT_TYPE,
                new MediaType().schema(Schemas.ref(Schemas.GROUP_DISCOVERY_LIST)));
            description = summary + ". Ask with Accept: " + DiscoveryHandler.AGGREGATED_V2_CONTENT_TYPE
                + " for the aggregated document (apidiscovery.k8s.io/v2) with every resource.";
        }
        ApiResponses r = new ApiResponses();
        r.addApiResponse("200", new ApiResponse().description("OK").content(content));
        if (!aggregated) {
            r.addApiResponse("404", errorResponse("404"));
        }
        return new Operation().operationId(id).summary(summary).description(description)
            .tags(List.of(DISCOVERY_TAG)).responses(r);
    }

    // ----- parameters -------------------------------------------------------------------------

    private static List<Parameter> scopeParameters(ResourceDefinition d, boolean withName) {
        List<Parameter> params = new ArrayList<>();
        if (withName) {
            params.add(new Parameter().in("path").name("name").required(true)
                .description("name of the " + d.kind()).schema(Schemas.typed("string"))
                .example(ExampleObjects.name(d)));
        }
        if (d.namespaced()) {
            params.add(new Parameter().in("path").name("namespace").required(true)
                .description("object name and auth scope, such as for teams and projects")
                .schema(Schemas.typed("string")).example("default"));
        }
        return params;
    }

    static List<Parameter> listParameters() {
        return new ArrayList<>(List.of(
            query("labelSelector", "string", "Restrict the list to objects whose labels match: "
                + "key=value, key!=value, key in (a,b), key notin (a), key, !key; comma means AND."),
            query("fieldSelector", "string", "Restrict the list by fields: metadata.name, metadata.namespace, "
                + "spec.nodeName, status.phase, involvedObject.* (events)."),
            query("limit", "integer", "Maximum number of items to return; continue with the returned "
                + "metadata.continue token."),
            query("continue", "string", "The continue token of the previous page; every page is read at the "
                + "same revision."),
            query("watch", "boolean", "Watch for changes instead of listing: a stream of ADDED, MODIFIED, "
                + "DELETED (and BOOKMARK) events, Server-Sent Events with Accept: text/event-stream."),
            query("resourceVersion", "string", "With watch: stream the changes after this resourceVersion "
                + "(410 Expired if compacted)."),
            query("allowWatchBookmarks", "boolean", "With watch: send periodic BOOKMARK events."),
            query("timeoutSeconds", "integer", "Timeout for the list or watch call.")));
    }

    static List<Parameter> writeParameters() {
        Parameter fieldValidation = query("fieldValidation", "string",
            "How to treat unknown or duplicate fields: Ignore, Warn or Strict.");
        fieldValidation.getSchema().setEnum(new ArrayList<>(List.of("Ignore", "Warn", "Strict")));
        Parameter dryRun = query("dryRun", "string", "All: validate and default, but store nothing.");
        dryRun.getSchema().setEnum(new ArrayList<>(List.of("All")));
        return new ArrayList<>(List.of(
            dryRun,
            query("fieldManager", "string", "Name of the actor making the change."),
            fieldValidation));
    }

    static List<Parameter> deleteParameters() {
        Parameter policy = query("propagationPolicy", "string",
            "Whether and how dependents are garbage collected: Orphan, Background or Foreground.");
        policy.getSchema().setEnum(new ArrayList<>(List.of("Orphan", "Background", "Foreground")));
        Parameter dryRun = query("dryRun", "string", "All: check, but delete nothing.");
        dryRun.getSchema().setEnum(new ArrayList<>(List.of("All")));
        return new ArrayList<>(List.of(
            query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 deletes at once."),
            policy,
            dryRun));
    }

    private static Parameter query(String name, String type, String description) {
        return new Parameter().in("query").name(name).required(false).description(description)
            .schema(Schemas.typed(type));
    }

    private static List<Parameter> concat(List<Parameter> a, List<Parameter> b) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : a) {
            byName.put(p.getName(), p);
        }
        for (Parameter p : b) {
            byName.putIfAbsent(p.getName(), p);
        }
        return new ArrayList<>(byName.values());
    }

    // ----- bodies -----------------------------------------------------------------------------

    private static RequestBody objectBody(String schema, Object example) {
        Content content = new Content()
            .addMediaType(JSON, new MediaType().schema(Schemas.ref(schema)).example(example))
            .addMediaType(YAML, new MediaType().schema(Schemas.ref(schema)).example(toYaml(example)));
        return new RequestBody().required(true).content(content);
    }

    private static RequestBody patchBody(Object mergePatch, Object jsonPatch) {
        Content content = new Content()
            .addMediaType(MERGE_PATCH, new MediaType().schema(Schemas.ref(Schemas.PATCH)).example(mergePatch))
            .addMediaType(JSON_PATCH, new MediaType().schema(Schemas.arrayOf(Schemas.freeObject(
                "One RFC 6902 operation: op, path, value."))).example(jsonPatch))
            .addMediaType(STRATEGIC_MERGE_PATCH,
                new MediaType().schema(Schemas.ref(Schemas.PATCH)).example(mergePatch));
        return new RequestBody().required(true).content(content);
    }

    private static RequestBody deleteOptionsBody() {
        return new RequestBody().required(false).content(json(Schemas.DELETE_OPTIONS));
    }

    private static String toYaml(Object example) {
        return YAML_MAPPER.writeValueAsString(example);
    }

    // ----- responses --------------------------------------------------------------------------

    private static Content json(String schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(Schemas.ref(schema)));
    }

    private static ApiResponses objectResponses(String schema, String... codes) {
        ApiResponses r = new ApiResponses();
        for (String code : codes) {
            String description = switch (code) {
                case "201" -> "Created";
                case "202" -> "Accepted";
                default -> "OK";
            };
            r.addApiResponse(code, new ApiResponse().description(description).content(json(schema)));
        }
        return r;
    }

    private static ApiResponses listResponse(ResourceDefinition d) {
        Content content = new Content()
            .addMediaType(JSON, new MediaType().schema(Schemas.ref(Schemas.listName(d))))
            .addMediaType(WATCH_STREAM, new MediaType().schema(Schemas.ref(Schemas.WATCH_EVENT)))
            .addMediaType(EVENT_STREAM, new MediaType().schema(Schemas.ref(Schemas.WATCH_EVENT)));
        ApiResponses r = new ApiResponses();
        r.addApiResponse("200", new ApiResponse().description("OK (a watch streams WatchEvents)").content(content));
        return r;
    }

    private static ApiResponses responses(ApiResponses ok, String... errorCodes) {
        for (String code : errorCodes) {
            ok.addApiResponse(code, errorResponse(code));
        }
        return ok;
    }

    private static ApiResponse errorResponse(String code) {
        String description = switch (code) {
            case "400" -> "BadRequest: malformed body, selector or parameter";
            case "404" -> "NotFound";
            case "409" -> "Conflict or AlreadyExists (stale resourceVersion, name taken)";
            case "410" -> "Expired: the resourceVersion or continue token is compacted";
            case "415" -> "UnsupportedMediaType: unknown patch type";
            case "422" -> "Invalid: details.causes names the fields";
            default -> "Error";
        };
        return new ApiResponse().description(description).content(json(Schemas.STATUS));
    }
}
