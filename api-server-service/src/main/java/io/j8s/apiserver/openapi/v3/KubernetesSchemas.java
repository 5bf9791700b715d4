package io.j8s.apiserver.openapi.v3;

import com.google.gson.annotations.SerializedName;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.common.json.Json;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream Kubernetes 1.32 schemas of every kind j8s serves, as OpenAPI v3 component schemas named as
 * kube-apiserver names them ({@code io.k8s.api.core.v1.Pod}). They are read from the annotated model classes of
 * {@code io.kubernetes:client-java-api} (Maven Central), which are generated from Kubernetes' own OpenAPI document:
 * descriptions, required fields and types are upstream's; the strategic-merge-patch tags the classes do not keep
 * come from {@link PatchStrategies}.
 */
@Component
public class KubernetesSchemas {

    public static final String REF_PREFIX = "#/components/schemas/";

    private static final Logger log = LoggerFactory.getLogger(KubernetesSchemas.class);
    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final String DISCOVERY = "io.k8s.api.discovery.v1.";
    private static final String DISCOVERY_V1 = "DiscoveryV1";
    private static final String RBAC = "io.k8s.api.rbac.v1.";
    private static final String RBAC_V1 = "RbacV1";

    /** Model classes whose Kubernetes package is not core/v1, by their name without the version prefix. */
    private static final Map<String, String> PACKAGES = packages();

    /** The client's class for each served kind where it is not simply {@code V1<Kind>}. */
    private static final Map<String, String> CLASS_NAMES = Map.of("Event", "CoreV1Event");

    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, String> schemaByGvk = new HashMap<>();

    public KubernetesSchemas(ResourceRegistry registry) {
        long start = System.nanoTime();
        defineScalars();
        for (ResourceDefinition def : registry.all()) {
            String className = CLASS_NAMES.getOrDefault(def.kind(), "V1" + def.kind());
            tagKind(define(model(className)), def.group(), def.version(), def.kind());
            if (!def.createOnly()) { // reviews are created, never listed
                tagKind(define(model(className + "List")), def.group(), def.version(), def.type().listKind());
            }
        }
        tagKind(define(model("V1Scale")), "autoscaling", "v1", "Scale");
        tagKind(define(model("V1Status")), "", "v1", "Status");
        tagKind(define(model("V1Binding")), "", "v1", "Binding");
        String deleteOptions = define(model("V1DeleteOptions"));
        for (String groupVersion : registry.groupVersions()) {
            int slash = groupVersion.indexOf('/');
            tagKind(deleteOptions, slash < 0 ? "" : groupVersion.substring(0, slash),
                groupVersion.substring(slash + 1), "DeleteOptions");
        }
        log.info("Loaded {} upstream Kubernetes schemas in {} ms", schemas.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Every component schema, by name. */
    public Map<String, ObjectNode> all() {
        return Collections.unmodifiableMap(schemas);
    }

    public Optional<ObjectNode> schema(String name) {
        return Optional.ofNullable(schemas.get(name));
    }

    /** The schema name of a kind, e.g. {@code io.k8s.api.apps.v1.Deployment} for apps/v1 Deployment. */
    public Optional<String> nameOf(String group, String version, String kind) {
        return Optional.ofNullable(schemaByGvk.get(group + "/" + version + "/" + kind));
    }

    /** The schema a property, an array's items or a map's values points at: itself, or what its $ref names. */
    public JsonNode resolve(JsonNode schema) {
        String ref = refOf(schema);
        return ref == null ? schema : schemas.getOrDefault(ref, Json.mapper().createObjectNode());
    }

    /** The component name a schema refers to ({@code $ref}, or the single {@code allOf} upstream wraps it in). */
    public static String refOf(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.isEmpty() && schema.path("allOf").size() == 1) {
            ref = schema.path("allOf").path(0).path("$ref").asString("");
        }
        return ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : null;
    }

    // ---- reading the model classes

    private void defineScalars() {
        ObjectNode quantity = Json.mapper().createObjectNode();
        quantity.put("description", "Quantity is a fixed-point representation of a number. It provides convenient "
            + "marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors. The "
            + "serialization format is: <quantity> ::= <signedNumber><suffix> (e.g. 100m, 1Gi, 0.5).");
        quantity.put("type", "string");
        schemas.put(QUANTITY, quantity);
        ObjectNode intOrString = Json.mapper().createObjectNode();
        intOrString.put("description", "IntOrString is a type that can hold an int32 or a string.  When used in JSON "
            + "or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, "
            + "for example, a JSON field that can accept a name or number.");
        intOrString.put("type", "string").put("format", "int-or-string");
        schemas.put(INT_OR_STRING, intOrString);
        ObjectNode patch = Json.mapper().createObjectNode();
        patch.put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request "
            + "body.");
        patch.put("type", "object");
        schemas.put(META + "Patch", patch);
    }

    private static Class<?> model(String simpleName) {
        try {
            return Class.forName(MODELS + simpleName, false, KubernetesSchemas.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("client-java-api has no model " + simpleName, e);
        }
    }

    private String define(Class<?> type) {
        String name = schemaName(type);
        if (schemas.containsKey(name)) {
            return name;
        }
        ObjectNode schema = Json.mapper().createObjectNode();
        schemas.put(name, schema); // before the fields, so self-referencing types end
        ApiModel model = type.getAnnotation(ApiModel.class);
        if (model != null && !model.description().isEmpty()) {
            schema.put("description", model.description());
        }
        schema.put("type", "object");
        Map<String, Method> getters = new HashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            if (method.getParameterCount() == 0 && method.getName().startsWith("get")) {
                getters.put(method.getName(), method);
            }
        }
        Map<String, ObjectNode> properties = new TreeMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            SerializedName serialized = field.getAnnotation(SerializedName.class);
            if (Modifier.isStatic(field.getModifiers()) || serialized == null) {
                continue;
            }
            String javaName = field.getName().startsWith("_") ? field.getName().substring(1) : field.getName();
            Method getter = getters.get("get" + Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1));
            ApiModelProperty annotation = getter == null ? null : getter.getAnnotation(ApiModelProperty.class);
            String description = annotation == null ? "" : annotation.value();
            ObjectNode property = property(field.getGenericType(), description);
            PatchStrategies.Tag tag = PatchStrategies.of(name, serialized.value());
            if (tag != null) {
                if (!tag.mergeKey().isEmpty()) {
                    property.put("x-kubernetes-patch-merge-key", tag.mergeKey());
                }
                property.put("x-kubernetes-patch-strategy", tag.strategy());
            }
            properties.put(serialized.value(), property);
            if (annotation != null && annotation.required()) {
                required.add(serialized.value());
            }
        }
        schema.set("properties", Json.mapper().valueToTree(properties));
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.stream().sorted().forEach(list::add);
        }
        return name;
    }

    private ObjectNode property(Type type, String description) {
        ObjectNode property = Json.mapper().createObjectNode();
        if (!description.isEmpty()) {
            property.put("description", description);
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] args = parameterized.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                property.put("type", "array");
                property.set("items", property(args[0], ""));
            } else if (Map.class.isAssignableFrom(raw)) {
                property.put("type", "object");
                property.set("additionalProperties", property(args[1], ""));
            } else {
                property.put("type", "object");
            }
            return property;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            property.put("type", "string");
        } else if (c == Integer.class || c == int.class) {
            property.put("type", "integer").put("format", "int32");
        } else if (c == Long.class || c == long.class) {
            property.put("type", "integer").put("format", "int64");
        } else if (c == Boolean.class || c == boolean.class) {
            property.put("type", "boolean");
        } else if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            property.put("type", "number").put("format", "double");
        } else if (c == byte[].class) {
            property.put("type", "string").put("format", "byte");
        } else if (c == OffsetDateTime.class) {
            property.put("type", "string").put("format", "date-time");
        } else if (c.getName().equals("io.kubernetes.client.custom.Quantity")) {
            property.putArray("allOf").addObject().put("$ref", REF_PREFIX + QUANTITY);
        } else if (c.getName().equals("io.kubernetes.client.custom.IntOrString")) {
            property.putArray("allOf").addObject().put("$ref", REF_PREFIX + INT_OR_STRING);
        } else if (c.getName().startsWith(MODELS)) {
            String target = define(c);
            if (description.isEmpty() && c.getAnnotation(ApiModel.class) != null) {
                // The generated classes drop a struct field's own description; the type's is the closest upstream text.
                property.put("description", c.getAnnotation(ApiModel.class).description());
            }
            property.putArray("allOf").addObject().put("$ref", REF_PREFIX + target);
        } else {
            // Object: RawExtension, FieldsV1 and the like hold any JSON.
            property.put("type", "object");
            property.put("x-kubernetes-preserve-unknown-fields", true);
        }
        return property;
    }

    private void tagKind(String schemaName, String group, String version, String kind) {
        ObjectNode schema = schemas.get(schemaName);
        ArrayNode gvks = schema.has("x-kubernetes-group-version-kind")
            ? (ArrayNode) schema.get("x-kubernetes-group-version-kind")
            : schema.putArray("x-kubernetes-group-version-kind");
        gvks.addObject().put("group", group).put("kind", kind).put("version", version);
        schemaByGvk.put(group + "/" + version + "/" + kind, schemaName);
    }

    /** {@code V1PodSpec} is {@code io.k8s.api.core.v1.PodSpec}, {@code V1ObjectMeta} the meta/v1 one, and so on. */
    static String schemaName(Class<?> model) {
        String simple = model.getSimpleName();
        if (simple.startsWith(RBAC_V1)) {
            // rbac/v1's Subject, named apart from flowcontrol's by the client
            return RBAC + simple.substring(RBAC_V1.length());
        }
        if (simple.startsWith(DISCOVERY_V1)) {
            // discovery/v1's EndpointPort, named apart from core/v1's (CoreV1EndpointPort) by the client
            return DISCOVERY + simple.substring(DISCOVERY_V1.length());
        }
        String bare = simple.startsWith("CoreV1") ? simple.substring("CoreV1".length())
            : simple.replaceFirst("^V1", "");
        return PACKAGES.getOrDefault(bare, "io.k8s.api.core.v1.") + bare;
    }

    private static Map<String, String> packages() {
        Map<String, String> packages = new LinkedHashMap<>();
        for (String meta : List.of("ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "LabelSelector",
            "LabelSelectorRequirement", "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions",
            "Condition", "WatchEvent", "FieldSelectorRequirement")) {
            packages.put(meta, META);
        }
        for (String apps : List.of("Deployment", "DeploymentList", "DeploymentSpec", "DeploymentStatus",
            "DeploymentCondition", "DeploymentStrategy", "RollingUpdateDeployment", "ReplicaSet", "ReplicaSetList",
            "ReplicaSetSpec", "ReplicaSetStatus", "ReplicaSetCondition")) {
            packages.put(apps, "io.k8s.api.apps.v1.");
        }
        for (String coordination : List.of("Lease", "LeaseList", "LeaseSpec")) {
            packages.put(coordination, "io.k8s.api.coordination.v1.");
        }
        for (String discovery : List.of("EndpointSlice", "EndpointSliceList", "Endpoint", "EndpointConditions",
            "EndpointHints", "ForZone")) {
            packages.put(discovery, DISCOVERY);
        }
        for (String rbac : List.of("Role", "RoleList", "RoleBinding", "RoleBindingList", "ClusterRole",
            "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "PolicyRule", "RoleRef",
            "AggregationRule")) {
            packages.put(rbac, RBAC);
        }
        for (String authorization : List.of("SelfSubjectAccessReview", "SelfSubjectAccessReviewSpec",
            "SubjectAccessReview", "SubjectAccessReviewSpec", "SubjectAccessReviewStatus", "ResourceAttributes",
            "NonResourceAttributes", "FieldSelectorAttributes", "LabelSelectorAttributes", "SelfSubjectRulesReview",
            "SelfSubjectRulesReviewSpec", "SubjectRulesReviewStatus", "ResourceRule", "NonResourceRule")) {
            packages.put(authorization, "io.k8s.api.authorization.v1.");
        }
        for (String authentication : List.of("SelfSubjectReview", "SelfSubjectReviewStatus", "UserInfo")) {
            packages.put(authentication, "io.k8s.api.authentication.v1.");
        }
        for (String autoscaling : List.of("Scale", "ScaleSpec", "ScaleStatus")) {
            packages.put(autoscaling, "io.k8s.api.autoscaling.v1.");
        }
        return packages;
    }
}
