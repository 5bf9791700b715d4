package io.j8s.apiserver.patch;

/**
 * What a strategic merge patch needs to know about the fields of the object it patches, after apimachinery's
 * {@code LookupPatchMeta}: how a field merges and what schema its value (or, for a list, each item) has.
 */
public interface PatchMeta {

    /** How one field merges: {@code strategy} is "", "merge", "retainKeys", "replace" or "merge,retainKeys". */
    record Tag(String strategy, String mergeKey) {

        static final Tag NONE = new Tag("", "");

        boolean merges() {
            return strategy.contains("merge");
        }

        boolean replaces() {
            return strategy.contains("replace");
        }
    }

    /** A schema that knows nothing: maps merge key by key, lists are replaced. */
    PatchMeta UNKNOWN = new PatchMeta() {
        @Override
        public Tag tag(String field) {
            return Tag.NONE;
        }

        @Override
        public PatchMeta field(String field) {
            return this;
        }
    };

    Tag tag(String field);

    /** The meta of the value at {@code field}: a nested struct or map, or the items of a list. */
    PatchMeta field(String field);
}
