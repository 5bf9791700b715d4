package io.j8s.apiserver.storage;

import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * How to read a list: at which revision (0 = latest), how many matching items at most (0 = all), from
 * which key on (a continue token resumes after the last key it returned), and which objects match.
 */
public record ListQuery(long revision, long limit, String startKey, Predicate<ObjectNode> filter) {

    public ListQuery {
        filter = filter == null ? o -> true : filter;
    }

    public static ListQuery all() {
        return new ListQuery(0, 0, null, null);
    }
}
