package io.j8s.scheduler.framework;

import java.util.List;

/**
 * A filter's verdict: fits, or not with user-readable reasons. {@code unresolvable} marks failures that
 * preempting other pods could never fix (e.g. a node selector mismatch), as kube-scheduler distinguishes them.
 */
public record FilterResult(boolean fits, List<String> reasons, boolean unresolvable) {

    private static final FilterResult FIT = new FilterResult(true, List.of(), false);

    public FilterResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static FilterResult fit() {
        return FIT;
    }

    public static FilterResult unfit(String... reasons) {
        return new FilterResult(false, List.of(reasons), false);
    }

    public static FilterResult unresolvable(String... reasons) {
        return new FilterResult(false, List.of(reasons), true);
    }
}
