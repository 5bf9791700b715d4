package io.j8s.controller.gc;

import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.OwnerReference;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure part of the garbage collector: what its owners' state means for a dependent (Kubernetes'
 * attemptToDeleteItem decision), and ownerReference filtering.
 */
final class OwnerReferences {

    static final String ORPHAN_FINALIZER = "orphan";
    static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    /** How one ownerReference of a dependent stands. */
    enum OwnerState {
        /** The owner exists and is not waiting for its dependents. */
        SOLID,
        /** No object with the reference's uid exists: the dependent has lost this owner. */
        DANGLING,
        /** The owner is being deleted in the foreground: it waits for this dependent to go. */
        WAITING_FOR_DEPENDENTS
    }

    /** What to do with a dependent. */
    sealed interface Decision {
        /** Nothing: it has owners and no reference to drop. */
        record Keep() implements Decision {
        }

        /** Keep it, but drop these references (dangling ones, and to owners waiting for it). */
        record RemoveReferences(Set<String> uids) implements Decision {
        }

        /** Delete it with this propagation policy. */
        record Delete(String propagationPolicy) implements Decision {
        }
    }

    private OwnerReferences() {
    }

    /**
     * The decision for a dependent whose references were classified: with a solid owner left, only the
     * dangling and waiting references go; without one it is deleted, in the foreground when an owner waits
     * for it and it has dependents of its own (so the wait cascades), otherwise as its own finalizers ask
     * (orphan, foreground) or in the background.
     */
    static Decision decide(List<OwnerReference> references, Map<String, OwnerState> states,
                           boolean hasDependents, Collection<String> finalizers) {
        Set<String> solid = uidsIn(references, states, OwnerState.SOLID);
        Set<String> dangling = uidsIn(references, states, OwnerState.DANGLING);
        Set<String> waiting = uidsIn(references, states, OwnerState.WAITING_FOR_DEPENDENTS);
        if (!solid.isEmpty()) {
            if (dangling.isEmpty() && waiting.isEmpty()) {
                return new Decision.Keep();
            }
            Set<String> drop = new LinkedHashSet<>(dangling);
            drop.addAll(waiting);
            return new Decision.RemoveReferences(drop);
        }
        if (!waiting.isEmpty() && hasDependents) {
            return new Decision.Delete(DeleteOptions.FOREGROUND);
        }
        if (finalizers.contains(ORPHAN_FINALIZER)) {
            return new Decision.Delete(DeleteOptions.ORPHAN);
        }
        if (finalizers.contains(FOREGROUND_FINALIZER)) {
            return new Decision.Delete(DeleteOptions.FOREGROUND);
        }
        return new Decision.Delete(DeleteOptions.BACKGROUND);
    }

    /** The references without those to {@code uids}; null when none remain (as the API stores it). */
    static List<OwnerReference> without(List<OwnerReference> references, Set<String> uids) {
        List<OwnerReference> kept = references.stream().filter(r -> !uids.contains(r.uid())).toList();
        return kept.isEmpty() ? null : kept;
    }

    /** Whether {@code dependent} refers to the owner {@code ownerUid} with blockOwnerDeletion. */
    static boolean blocks(KubeObject<?> dependent, String ownerUid) {
        return dependent.metadata().ownerReferencesOrEmpty().stream()
            .anyMatch(r -> ownerUid.equals(r.uid()) && Boolean.TRUE.equals(r.blockOwnerDeletion()));
    }

    static boolean refersTo(KubeObject<?> dependent, String ownerUid) {
        return dependent.metadata() != null && dependent.metadata().ownerReferencesOrEmpty().stream()
            .anyMatch(r -> ownerUid.equals(r.uid()));
    }

    /** Being deleted and waiting for the garbage collector to delete its dependents first. */
    static boolean deletingDependents(KubeObject<?> object) {
        return object.metadata().beingDeleted()
            && object.metadata().finalizersOrEmpty().contains(FOREGROUND_FINALIZER);
    }

    /** Being deleted and waiting for the garbage collector to orphan its dependents first. */
    static boolean orphaningDependents(KubeObject<?> object) {
        return object.metadata().beingDeleted()
            && object.metadata().finalizersOrEmpty().contains(ORPHAN_FINALIZER);
    }

    private static Set<String> uidsIn(List<OwnerReference> references, Map<String, OwnerState> states,
                                      OwnerState state) {
        return references.stream().map(OwnerReference::uid).filter(uid -> states.get(uid) == state)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
