package io.j8s.apiserver.patch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch ({@code application/strategic-merge-patch+json}), as apimachinery's
 * {@code strategicpatch.StrategicMergeMapPatch} applies it to a stored object: maps merge recursively and
 * {@code null} deletes a key; lists whose field is tagged {@code merge} merge their items by the field's merge key
 * (containers by name, ports by containerPort, ...) or, for lists of scalars, as a set; other lists are replaced.
 * The directives: {@code $patch: replace|delete} on a map, {@code {"$patch": "delete", <key>: ..}} and
 * {@code {"$patch": "replace"}} items in a merging list, {@code $setElementOrder/<list>} (the order kubectl
 * wants), {@code $retainKeys} (drop every other key, for union types such as a Deployment's strategy) and
 * {@code $deleteFromPrimitiveList/<list>}.
 */
public final class StrategicMergePatch {

    static final String DIRECTIVE = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {
    }

    /** The object {@code patch} makes of {@code original}; neither argument is changed. */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch, PatchMeta meta) {
        return mergeMap(original.deepCopy(), patch.deepCopy(), meta);
    }

    // ---- maps

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchMeta meta) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            String value = directive.asString("");
            if (value.equals("replace")) {
                patch.remove(DIRECTIVE);
                return patch;
            }
            if (value.equals("delete")) {
                return NODES.objectNode();
            }
            throw PatchException.badFormat("unknown patch type: " + directive + " in map: " + patch);
        }
        applyRetainKeys(original, patch);
        mergeOrderedLists(original, patch, meta);
        for (String key : new ArrayList<>(patch.propertyNames())) {
            JsonNode patchValue = patch.get(key);
            boolean deleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            String field = deleteList ? key.substring(DELETE_FROM_PRIMITIVE_LIST.length()) : key;
            if (patchValue.isNull()) {
                original.remove(field);
                continue;
            }
            JsonNode originalValue = original.get(field);
            if (originalValue == null || originalValue.isNull() || !sameKind(originalValue, patchValue)) {
                if (!deleteList) {
                    original.set(field, fresh(patchValue, meta.tag(field), meta.field(field)));
                }
                continue;
            }
            PatchMeta.Tag tag = meta.tag(field);
            if (originalValue.isObject()) {
                original.set(field, tag.replaces() ? patchValue
                    : mergeMap((ObjectNode) originalValue, (ObjectNode) patchValue, meta.field(field)));
            } else if (originalValue.isArray()) {
                original.set(field, tag.merges() || deleteList
                    ? mergeList((ArrayNode) originalValue, (ArrayNode) patchValue, meta.field(field), tag.mergeKey(),
                        deleteList)
                    : patchValue);
            } else {
                original.set(field, patchValue);
            }
        }
        return original;
    }

    /** A value new to the object: merged into an empty one, so its directives and nulls are applied, not stored. */
    private static JsonNode fresh(JsonNode value, PatchMeta.Tag tag, PatchMeta meta) {
        if (value.isObject() && !tag.replaces()) {
            return mergeMap(NODES.objectNode(), (ObjectNode) value, meta);
        }
        if (value.isArray() && tag.merges()) {
            return mergeList(NODES.arrayNode(), (ArrayNode) value, meta, tag.mergeKey(), false);
        }
        return value;
    }

    private static boolean sameKind(JsonNode a, JsonNode b) {
        if (a.isObject() || b.isObject()) {
            return a.isObject() && b.isObject();
        }
        if (a.isArray() || b.isArray()) {
            return a.isArray() && b.isArray();
        }
        return true;
    }

    /** {@code $retainKeys}: the original keeps only the listed keys, and the patch may set no others. */
    private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode retain = patch.remove(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw PatchException.badFormat("invalid patch: $retainKeys must be a list of field names");
        }
        Set<String> keys = new HashSet<>();
        retain.forEach(key -> keys.add(key.asString()));
        for (String key : patch.propertyNames()) {
            if (patch.get(key).isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
                || key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            if (!keys.contains(key)) {
                throw PatchException.badFormat("invalid patch: the patch sets \"" + key
                    + "\", which is not in its $retainKeys list " + retain);
            }
        }
        original.propertyNames().removeIf(key -> !keys.contains(key));
    }

    /**
     * {@code $setElementOrder/<list>}: merges the list it names and orders the result: the order kubectl sent for
     * the items it knows, the stored order for items only the server has.
     */
    private static void mergeOrderedLists(ObjectNode original, ObjectNode patch, PatchMeta meta) {
        for (String key : new ArrayList<>(patch.propertyNames())) {
            if (!key.startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            JsonNode order = patch.remove(key);
            if (!order.isArray()) {
                throw PatchException.badFormat("invalid patch: " + key + " must be a list");
            }
            String field = key.substring(SET_ELEMENT_ORDER.length());
            PatchMeta.Tag tag = meta.tag(field);
            JsonNode originalList = original.get(field);
            JsonNode patchList = patch.remove(field);
            if (originalList != null && !originalList.isArray() || patchList != null && !patchList.isArray()) {
                throw PatchException.badFormat("invalid patch: " + field + " must be a list to be ordered by " + key);
            }
            if (patchList != null) {
                checkOrder(elements((ArrayNode) patchList), elements((ArrayNode) order), tag.mergeKey(), key);
            }
            ArrayNode merged;
            if (patchList == null && originalList == null) {
                continue;
            } else if (patchList == null) {
                merged = (ArrayNode) originalList;
            } else if (originalList == null) {
                merged = tag.merges()
                    ? mergeList(NODES.arrayNode(), (ArrayNode) patchList, meta.field(field), tag.mergeKey(), false)
                    : withoutDirectives((ArrayNode) patchList);
            } else {
                merged = tag.merges()
                    ? mergeList((ArrayNode) originalList, (ArrayNode) patchList, meta.field(field), tag.mergeKey(), false)
                    : (ArrayNode) patchList;
            }
            List<JsonNode> patchItems = new ArrayList<>();
            List<JsonNode> serverOnly = new ArrayList<>();
            List<JsonNode> orderList = elements((ArrayNode) order);
            for (JsonNode item : merged) {
                (indexOf(orderList, item, tag.mergeKey()) >= 0 ? patchItems : serverOnly).add(item);
            }
            List<JsonNode> serverOrder = originalList == null ? List.of() : elements((ArrayNode) originalList);
            original.set(field, ordered(patchItems, serverOnly, orderList, serverOrder, tag.mergeKey()));
        }
    }

    /** The patch list's items must come in the order {@code $setElementOrder} gives them (validatePatchWithSetOrderList). */
    private static void checkOrder(List<JsonNode> patchList, List<JsonNode> order, String mergeKey, String directive) {
        List<JsonNode> items = new ArrayList<>(patchList);
        items.removeIf(item -> item.isObject() && item.has(DIRECTIVE));
        int p = 0;
        int o = 0;
        while (p < items.size() && o < order.size()) {
            JsonNode item = items.get(p);
            JsonNode expected = order.get(o);
            boolean same = mergeKey.isEmpty() || !item.isObject() ? item.equals(expected)
                : item.get(mergeKey) != null && item.get(mergeKey).equals(expected.get(mergeKey));
            if (same) {
                p++;
            }
            o++;
        }
        if (p < items.size()) {
            throw PatchException.badFormat("invalid patch: the order in the patch list " + patchList
                + " doesn't match the " + directive + " list " + order);
        }
    }

    // ---- lists

    private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, PatchMeta itemMeta, String mergeKey,
                                       boolean deleteList) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original;
        }
        boolean maps = elementsAreMaps(original, patch);
        List<JsonNode> server = elements(original);
        List<JsonNode> patchItems = elements(patch);
        List<JsonNode> merged;
        if (!maps) {
            if (deleteList) {
                List<JsonNode> kept = new ArrayList<>(server);
                kept.removeIf(patchItems::contains);
                return array(kept);
            }
            Set<JsonNode> unique = new LinkedHashSet<>(server);
            unique.addAll(patchItems);
            merged = new ArrayList<>(unique);
        } else {
            if (mergeKey.isEmpty()) {
                throw PatchException.badFormat("cannot merge lists without merge key");
            }
            List<JsonNode> plain = new ArrayList<>();
            boolean replace = false;
            for (JsonNode item : patchItems) {
                JsonNode directive = item.get(DIRECTIVE);
                if (directive == null) {
                    plain.add(item);
                    continue;
                }
                switch (directive.asString("")) {
                    case "delete" -> {
                        JsonNode key = item.get(mergeKey);
                        if (key == null) {
                            throw PatchException.badFormat("map: " + item + " does not contain declared merge key: "
                                + mergeKey);
                        }
                        server.removeIf(existing -> key.equals(existing.get(mergeKey)));
                    }
                    case "replace" -> replace = true;
                    case "merge" -> throw PatchException.badFormat("merging lists cannot yet be specified in the patch");
                    default -> throw PatchException.badFormat("unknown patch type: " + directive + " in map: " + item);
                }
            }
            if (replace) {
                server = new ArrayList<>(plain);
                plain = List.of();
            }
            patchItems = plain;
            merged = new ArrayList<>(server);
            for (JsonNode item : plain) {
                JsonNode key = item.get(mergeKey);
                if (key == null) {
                    throw PatchException.badFormat("map: " + item + " does not contain declared merge key: " + mergeKey);
                }
                int at = indexOf(merged, item, mergeKey);
                if (at >= 0) {
                    merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) item, itemMeta));
                } else {
                    merged.add(mergeMap(NODES.objectNode(), (ObjectNode) item, itemMeta));
                }
            }
        }
        List<JsonNode> inPatch = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(patchItems, item, maps ? mergeKey : "") >= 0 ? inPatch : serverOnly).add(item);
        }
        return ordered(inPatch, serverOnly, patchItems, server, maps ? mergeKey : "");
    }

    /**
     * normalizeElementOrder: the patch's items in the patch's order, the server-only items in the server's order, the
     * two interleaved so that each server-only item stays in front of the first patch item that follows it on the
     * server.
     */
    private static ArrayNode ordered(List<JsonNode> patchItems, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
                                     List<JsonNode> serverOrder, String mergeKey) {
        List<JsonNode> left = sortBy(serverOnly, serverOrder, mergeKey);
        List<JsonNode> right = sortBy(patchItems, patchOrder, mergeKey);
        List<JsonNode> result = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                result.add(right.get(j++));
            } else if (j >= right.size()) {
                result.add(left.get(i++));
            } else {
                int li = indexOf(serverOrder, left.get(i), mergeKey);
                int ri = indexOf(serverOrder, right.get(j), mergeKey);
                if (li >= 0 && ri >= 0 && li < ri) {
                    result.add(left.get(i++));
                } else {
                    result.add(right.get(j++));
                }
            }
        }
        return array(result);
    }

    /** Stable: items the order knows come in its order, the others after them as they were. */
    private static List<JsonNode> sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
        List<JsonNode> known = new ArrayList<>();
        List<JsonNode> unknown = new ArrayList<>();
        for (JsonNode item : items) {
            (indexOf(order, item, mergeKey) >= 0 ? known : unknown).add(item);
        }
        known.sort((a, b) -> Integer.compare(indexOf(order, a, mergeKey), indexOf(order, b, mergeKey)));
        known.addAll(unknown);
        return known;
    }

    /** Where {@code item} is in {@code list}: by merge key value for maps, by equality for scalars; -1 if absent. */
    private static int indexOf(List<JsonNode> list, JsonNode item, String mergeKey) {
        if (mergeKey.isEmpty() || !item.isObject()) {
            return list.indexOf(item);
        }
        JsonNode key = item.get(mergeKey);
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = list.get(i);
            if (key != null && candidate.isObject() && key.equals(candidate.get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean elementsAreMaps(ArrayNode original, ArrayNode patch) {
        Boolean maps = null;
        for (ArrayNode list : List.of(original, patch)) {
            for (JsonNode item : list) {
                if (item.isArray()) {
                    throw PatchException.invalid("lists of lists are not supported");
                }
                if (maps == null) {
                    maps = item.isObject();
                } else if (maps != item.isObject()) {
                    throw PatchException.badFormat("a list mixes maps and values: " + list);
                }
            }
        }
        return Boolean.TRUE.equals(maps);
    }

    private static ArrayNode withoutDirectives(ArrayNode list) {
        ArrayNode result = NODES.arrayNode();
        list.forEach(item -> {
            if (!item.isObject() || !item.has(DIRECTIVE)) {
                result.add(item);
            }
        });
        return result;
    }

    private static List<JsonNode> elements(ArrayNode list) {
        List<JsonNode> items = new ArrayList<>(list.size());
        list.forEach(items::add);
        return items;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode result = NODES.arrayNode();
        items.forEach(result::add);
        return result;
    }
}
