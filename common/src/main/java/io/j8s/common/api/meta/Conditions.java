package io.j8s.common.api.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding and setting status conditions by type. */
public final class Conditions {

    private Conditions() {
    }

    public static <C extends Condition<C>> Optional<C> find(List<C> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        for (C condition : conditions) { // a loop, not a stream: the scheduler asks this per node per pod
            if (type.equals(condition.type())) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    public static <C extends Condition<C>> boolean isTrue(List<C> conditions, String type) {
        return find(conditions, type).map(c -> Condition.TRUE.equals(c.status())).orElse(false);
    }

    /**
     * Returns a copy of {@code conditions} with {@code condition} replacing the one of the same type
     * (or appended). lastTransitionTime moves only when the status changes, as Kubernetes does,
     * so readers can tell how long a condition has held; a null one is set to {@code now}.
     */
    public static <C extends Condition<C>> List<C> set(List<C> conditions, C condition, String now) {
        List<C> result = new ArrayList<>(conditions == null ? List.of() : conditions);
        Optional<C> existing = find(result, condition.type());
        C toStore = condition;
        if (existing.isPresent() && existing.get().status().equals(condition.status())
                && existing.get().lastTransitionTime() != null) {
            toStore = condition.withLastTransitionTime(existing.get().lastTransitionTime());
        } else if (condition.lastTransitionTime() == null) {
            toStore = condition.withLastTransitionTime(now);
        }
        if (existing.isPresent()) {
            result.set(result.indexOf(existing.get()), toStore);
        } else {
            result.add(toStore);
        }
        return List.copyOf(result);
    }
}
