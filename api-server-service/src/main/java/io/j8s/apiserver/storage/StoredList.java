package io.j8s.apiserver.storage;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list. {@code revision} is the revision every item was read at; {@code nextKey}, when not
 * null, is the key the next page starts after (the list was cut by its limit).
 */
public record StoredList(List<ObjectNode> items, long revision, String nextKey) {
}
