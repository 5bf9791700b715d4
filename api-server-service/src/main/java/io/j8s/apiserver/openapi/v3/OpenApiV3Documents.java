package io.j8s.apiserver.openapi.v3;

import io.j8s.apiserver.discovery.ServerVersion;
import io.j8s.apiserver.registry.ResourceDefinition;
import io.j8s.apiserver.registry.ResourceRegistry;
import io.j8s.common.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's OpenAPI v3 documents: {@code /openapi/v3} lists one document per group version
 * ({@code api/v1}, {@code apis/apps/v1}, ...) with a content hash, and each document holds the paths of that group
 * version (every operation tagged with {@code x-kubernetes-group-version-kind} and {@code x-kubernetes-action}, and
 * the write operations taking {@code fieldValidation}, which tells kubectl it may leave validation to the server)
 * and the component schemas they reach. Built once: the served kinds do not change while the server runs.
 */
@Component
public class OpenApiV3Documents {

    /** A document and the hash its URL carries, so clients may cache it forever. */
    public record Document(byte[] json, String hash) {
    }

    private final KubernetesSchemas schemas;
    private final Map<String, Document> byPath = new LinkedHashMap<>();
    private final byte[] root;

    public OpenApiV3Documents(ResourceRegistry registry, KubernetesSchemas schemas) {
        this.schemas = schemas;
        Map<String, List<ResourceDefinition>> byGroupVersion = new LinkedHashMap<>();
        for (ResourceDefinition def : registry.all()) {
            String path = def.group().isEmpty() ? "api/" + def.version() : "apis/" + def.group() + "/" + def.version();
            byGroupVersion.computeIfAbsent(path, p -> new ArrayList<>()).add(def);
        }
        ObjectNode rootDoc = Json.mapper().createObjectNode();
        ObjectNode paths = rootDoc.putObject("paths");
        byGroupVersion.forEach((path, defs) -> {
            byte[] json = Json.mapper().writeValueAsBytes(groupVersionDocument(defs));
            Document document = new Document(json, sha512(json));
            byPath.put(path, document);
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + document.hash());
        });
        this.root = Json.mapper().writeValueAsBytes(rootDoc);
    }

    /** {@code GET /openapi/v3}. */
    public byte[] root() {
        return root;
    }

    /** {@code GET /openapi/v3/<path>}, e.g. {@code apis/apps/v1}. */
    public Optional<Document> document(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private ObjectNode groupVersionDocument(List<ResourceDefinition> defs) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", ServerVersion.GIT_VERSION);
        ObjectNode paths = doc.putObject("paths");
        TreeSet<String> roots = new TreeSet<>();
        for (ResourceDefinition def : defs) {
            new ResourcePaths(def, schemas).addTo(paths, roots);
        }
        ObjectNode components = doc.putObject("components").putObject("schemas");
        reachable(roots).forEach((name, schema) -> components.set(name, schema));
        return doc;
    }

    /** The named schemas and everything they refer to, transitively. */
    private Map<String, ObjectNode> reachable(TreeSet<String> roots) {
        Map<String, ObjectNode> found = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (found.containsKey(name)) {
                continue;
            }
            schemas.schema(name).ifPresent(schema -> {
                found.put(name, schema);
                collectRefs(schema, todo);
            });
        }
        return found;
    }

    private static void collectRefs(JsonNode node, Deque<String> into) {
        if (node.isObject()) {
            String ref = node.path("$ref").asString("");
            if (ref.startsWith(KubernetesSchemas.REF_PREFIX)) {
                into.push(ref.substring(KubernetesSchemas.REF_PREFIX.length()));
            }
            node.forEach(child -> collectRefs(child, into));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> collectRefs(child, into));
        }
    }

    private static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
