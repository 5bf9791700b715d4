package io.j8s.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The behaviour apimachinery's strategicpatch tests pin down (patch_test.go: the custom and create test cases,
 * applied as the API server applies them), on the same test type: a {@code mergeItem} with a list merging by
 * {@code name}, a merging list of ints, lists that do not merge, a map, a retainKeys map and a retainKeys list.
 */
class StrategicMergePatchTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** The test type's tags, as its Go struct declares them. */
    static final PatchMeta MERGE_ITEM = new PatchMeta() {
        private final Map<String, Tag> tags = Map.of(
            "mergingList", new Tag("merge", "name"),
            "mergingIntList", new Tag("merge", ""),
            "mergeItemPtr", new Tag("merge", "name"),
            "replacingItem", new Tag("replace", ""),
            "retainKeysMap", new Tag("retainKeys", ""),
            "retainKeysMergingList", new Tag("merge,retainKeys", "name"));

        @Override
        public Tag tag(String field) {
            return tags.getOrDefault(field, Tag.NONE);
        }

        @Override
        public PatchMeta field(String field) {
            return this;
        }
    };

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("unique scalars when merging lists",
                "mergingIntList: [1, 2]", "mergingIntList: [2, 3]", "mergingIntList: [1, 2, 3]"),
            Arguments.of("delete map from nested map",
                "simpleMap: {key1: 1, key2: 1}", "simpleMap: {$patch: delete}", "simpleMap: {}"),
            Arguments.of("delete all items from merging list",
                "mergingList: [{name: 1}, {name: 2}]", "mergingList: [{$patch: replace}]", "mergingList: []"),
            Arguments.of("merge empty merging lists", "mergingList: []", "mergingList: []", "mergingList: []"),
            Arguments.of("delete all keys from map", "{name: 1, value: 1}", "{$patch: replace}", "{}"),
            Arguments.of("add key and delete all keys from map",
                "{name: 1, value: 1}", "{other: a, $patch: replace}", "{other: a}"),
            Arguments.of("delete all duplicate entries in a merging list",
                "mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]",
                "mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]",
                "mergingList: [{name: 2, value: a}]"),
            Arguments.of("retainKeys map can add a field without the directive",
                "retainKeysMap: {name: foo}", "retainKeysMap: {value: bar}", "retainKeysMap: {name: foo, value: bar}"),
            Arguments.of("retainKeys map can delete a field without the directive",
                "retainKeysMap: {name: foo, value: a}", "retainKeysMap: {value: null}", "retainKeysMap: {name: foo}"),
            Arguments.of("retainKeys map merges an empty map",
                "retainKeysMap: {name: foo, value: a}", "retainKeysMap: {}", "retainKeysMap: {name: foo, value: a}"),
            Arguments.of("retainKeys drops the keys not listed",
                "retainKeysMap: {name: foo, value: a, other: b}",
                "retainKeysMap: {$retainKeys: [name, value], value: c}",
                "retainKeysMap: {name: foo, value: c}"),
            Arguments.of("retainKeys list can change a field without the directive",
                "retainKeysMergingList: [{name: bar}, {name: foo, value: a}]",
                "retainKeysMergingList: [{name: foo, value: b}]",
                "retainKeysMergingList: [{name: bar}, {name: foo, value: b}]"),
            Arguments.of("preserve the order from the patch in a merging list",
                "mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]",
                "mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]",
                "mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]"),
            Arguments.of("server-only items keep their place in front of the patch items after them",
                "mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]",
                "mergingList: [{name: 3, value: c}, {name: 1, value: a}]",
                "mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]"),
            Arguments.of("preserve the order from the patch in a merging int list",
                "mergingIntList: [1, 2, 3]", "mergingIntList: [3, 1]", "mergingIntList: [2, 3, 1]"),
            Arguments.of("$setElementOrder may name items the list does not have",
                "mergingList: [{name: 1}, {name: 3}]",
                "{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}],"
                    + " mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
                "mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]"),
            Arguments.of("$setElementOrder alone reorders a list of ints",
                "mergingIntList: [1, 3]", "{$setElementOrder/mergingIntList: [3, 2, 1]}", "mergingIntList: [3, 1]"),
            Arguments.of("add and delete items in a list of scalars",
                "mergingIntList: [1, 2, 3, 4]",
                "{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3],"
                    + " mergingIntList: [4]}",
                "mergingIntList: [1, 2, 4]"),
            Arguments.of("delete every copy of a scalar",
                "mergingIntList: [1, 2, 3, 3, 4]",
                "{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}",
                "mergingIntList: [1, 2, 4]"),
            Arguments.of("merge lists of maps, server fields kept, new items placed by $setElementOrder",
                "mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]",
                "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}],"
                    + " mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
                "mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b},"
                    + " {name: 3, value: 3}]"),
            Arguments.of("a field the patch sets to null is removed, others are kept",
                "{name: original-name, value: original-value, other: current-other}",
                "{name: modified-name, value: null}",
                "{name: modified-name, other: current-other}"),
            Arguments.of("lists without a merge strategy are replaced",
                "nonMergingIntList: [1, 4]", "nonMergingIntList: [2, 3]", "nonMergingIntList: [2, 3]"),
            Arguments.of("a replace-strategy field is replaced, not merged",
                "replacingItem: {a: 1, b: 2}", "replacingItem: {c: 3}", "replacingItem: {c: 3}"),
            Arguments.of("a new nested value keeps no directives or nulls",
                "{name: a}",
                "{mergingList: [{name: 1, value: null, mergingList: [{name: x}, {name: y, $patch: delete}]}]}",
                "{name: a, mergingList: [{name: 1, mergingList: [{name: x}]}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesAsApimachineryDoes(String description, String original, String patch, String expected) {
        ObjectNode before = yaml(original);
        ObjectNode result = StrategicMergePatch.apply(before, yaml(patch), MERGE_ITEM);
        assertThat(result).isEqualTo(yaml(expected));
        assertThat(before).as("the original is not changed").isEqualTo(yaml(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsMalformedPatches(String description, String original, String patch, String message) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(yaml(original), yaml(patch), MERGE_ITEM))
            .isInstanceOf(PatchException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("the patch list's order must match $setElementOrder",
                "mergingList: [{name: 1}, {name: 3}, {name: 2}]",
                "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}],"
                    + " mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
                "doesn't match"),
            Arguments.of("a merge key is required", "mergingList: [{name: 1, value: a}]", "mergingList: [{value: b}]",
                "does not contain declared merge key"),
            Arguments.of("unknown $patch", "simpleMap: {a: 1}", "simpleMap: {$patch: explode}", "unknown patch type"),
            Arguments.of("a key outside $retainKeys", "retainKeysMap: {name: a}",
                "retainKeysMap: {$retainKeys: [name], value: b}", "not in its $retainKeys list"));
    }

    static ObjectNode yaml(String text) {
        JsonNode node = YAML.readTree(text);
        return (ObjectNode) node;
    }
}
