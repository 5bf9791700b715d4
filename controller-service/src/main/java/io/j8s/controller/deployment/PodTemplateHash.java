package io.j8s.controller.deployment;

import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pod-template-hash} of a Deployment's pod template, and template equality that ignores it.
 *
 * <p>Kubernetes (controller.ComputeHash) feeds the Go struct's printed form and the collisionCount into FNV-32a
 * and renders the number with SafeEncodeString. Java has no Go printer, so the hash here is FNV-32a over the
 * template's canonical JSON (keys sorted, nulls and empty lists/maps dropped): stable across runs and
 * processes, the same shape of value, not the same digits as Kubernetes.
 */
final class PodTemplateHash {

    /** Kubernetes' DefaultDeploymentUniqueLabelKey. */
    static final String LABEL = "pod-template-hash";
    /** k8s.io/apimachinery/pkg/util/rand: consonants and digits, so no rendered hash spells a word. */
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV32_OFFSET = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private PodTemplateHash() {
    }

    static String compute(PodTemplateSpec template, Integer collisionCount) {
        int hash = FNV32_OFFSET;
        hash = fnv1a(hash, canonicalJson(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            // As Kubernetes: the count as little-endian uint32 in an 8-byte buffer.
            byte[] bytes = new byte[8];
            int c = collisionCount;
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) (c >>> (8 * i));
            }
            hash = fnv1a(hash, bytes);
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    /** Equal pod templates once the pod-template-hash label is taken out of both (EqualIgnoreHash). */
    static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return Json.write(canonical(withoutHashLabel(a))).equals(Json.write(canonical(withoutHashLabel(b))));
    }

    /** Kubernetes' rand.SafeEncodeString: each character replaced by one of {@link #ALPHANUMS}. */
    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(ALPHANUMS.charAt(s.charAt(i) % ALPHANUMS.length()));
        }
        return out.toString();
    }

    static String canonicalJson(PodTemplateSpec template) {
        return Json.write(canonical(Json.mapper().valueToTree(template)));
    }

    private static int fnv1a(int hash, byte[] bytes) {
        int h = hash;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV32_PRIME;
        }
        return h;
    }

    private static JsonNode withoutHashLabel(PodTemplateSpec template) {
        JsonNode tree = Json.mapper().valueToTree(template);
        JsonNode labels = tree.path("metadata").path("labels");
        if (labels instanceof ObjectNode labelsObject) {
            labelsObject.remove(LABEL);
        }
        return tree;
    }

    /**
     * Keys sorted; null, empty objects and empty arrays removed (Kubernetes' semantic equality treats nil and
     * empty maps and slices alike).
     */
    private static JsonNode canonical(JsonNode node) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode value = canonical(e.getValue());
                if (!isEmpty(value)) {
                    sorted.put(e.getKey(), value);
                }
            }
            ObjectNode out = factory.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonical(item));
            }
            ArrayNode out = factory.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode()
            || ((node.isObject() || node.isArray()) && node.isEmpty());
    }
}
