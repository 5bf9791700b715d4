package io.j8s.apiserver.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A path under {@code /api/{version}/...} or {@code /apis/{group}/{version}/...}, split as the REST router reads it
 * (empty segments ignored): the API group ({@code ""} for core), the version and the segments after them. Routing
 * and authorization both read paths through this, so what is authorized is what is served.
 */
public record ApiPath(String group, String version, List<String> rest) {

    /** The parts of {@code path}, or empty when it is not under a group version with at least one more segment. */
    public static Optional<ApiPath> of(String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            return Optional.of(new ApiPath("", parts.get(1), parts.subList(2, parts.size())));
        }
        if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            return Optional.of(new ApiPath(parts.get(1), parts.get(2), parts.subList(3, parts.size())));
        }
        return Optional.empty();
    }
}
