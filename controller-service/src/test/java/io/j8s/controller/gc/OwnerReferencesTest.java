package io.j8s.controller.gc;

import static io.j8s.controller.gc.OwnerReferences.OwnerState.DANGLING;
import static io.j8s.controller.gc.OwnerReferences.OwnerState.SOLID;
import static io.j8s.controller.gc.OwnerReferences.OwnerState.WAITING_FOR_DEPENDENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.DeleteOptions;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.controller.gc.OwnerReferences.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnerReferencesTest {

    private static final OwnerReference RS = ref("rs", "uid-rs", true);
    private static final OwnerReference OTHER = ref("other", "uid-other", false);

    @Test
    void anObjectWithALiveOwnerIsKept() {
        assertThat(OwnerReferences.decide(List.of(RS), Map.of("uid-rs", SOLID), false, List.of()))
            .isEqualTo(new Decision.Keep());
    }

    @Test
    void anObjectWhoseOwnersAreAllGoneIsDeletedInTheBackground() {
        Decision decision = OwnerReferences.decide(List.of(RS, OTHER),
            Map.of("uid-rs", DANGLING, "uid-other", DANGLING), false, List.of());

        assertThat(decision).isEqualTo(new Decision.Delete(DeleteOptions.BACKGROUND));
    }

    @Test
    void anObjectWithOneLiveOwnerLosesOnlyTheReferencesToTheDeadOrWaitingOnes() {
        OwnerReference third = ref("third", "uid-third", false);
        Decision decision = OwnerReferences.decide(List.of(RS, OTHER, third),
            Map.of("uid-rs", DANGLING, "uid-other", SOLID, "uid-third", WAITING_FOR_DEPENDENTS), false, List.of());

        assertThat(decision).isEqualTo(new Decision.RemoveReferences(Set.of("uid-rs", "uid-third")));
    }

    @Test
    void aDependentOfAForegroundDeletionIsDeletedInTheForegroundOnlyWhenItHasDependentsItself() {
        Map<String, OwnerReferences.OwnerState> waiting = Map.of("uid-rs", WAITING_FOR_DEPENDENTS);

        assertThat(OwnerReferences.decide(List.of(RS), waiting, true, List.of()))
            .isEqualTo(new Decision.Delete(DeleteOptions.FOREGROUND));
        assertThat(OwnerReferences.decide(List.of(RS), waiting, false, List.of()))
            .isEqualTo(new Decision.Delete(DeleteOptions.BACKGROUND));
    }

    @Test
    void anOrphanedObjectKeepsThePropagationItsOwnFinalizersAskFor() {
        Map<String, OwnerReferences.OwnerState> gone = Map.of("uid-rs", DANGLING);

        assertThat(OwnerReferences.decide(List.of(RS), gone, true, List.of("orphan")))
            .isEqualTo(new Decision.Delete(DeleteOptions.ORPHAN));
        assertThat(OwnerReferences.decide(List.of(RS), gone, true, List.of("foregroundDeletion")))
            .isEqualTo(new Decision.Delete(DeleteOptions.FOREGROUND));
    }

    @Test
    void removingReferencesKeepsTheOthersInOrderAndLeavesNullWhenNoneRemain() {
        assertThat(OwnerReferences.without(List.of(RS, OTHER), Set.of("uid-rs"))).containsExactly(OTHER);
        assertThat(OwnerReferences.without(List.of(RS), Set.of("uid-rs"))).isNull();
    }

    @Test
    void onlyABlockingReferenceHoldsAForegroundDeletion() {
        Pod blocking = pod(List.of(RS));
        Pod nonBlocking = pod(List.of(ref("rs", "uid-rs", false)));

        assertThat(OwnerReferences.blocks(blocking, "uid-rs")).isTrue();
        assertThat(OwnerReferences.blocks(nonBlocking, "uid-rs")).isFalse();
        assertThat(OwnerReferences.refersTo(nonBlocking, "uid-rs")).isTrue();
        assertThat(OwnerReferences.refersTo(nonBlocking, "uid-other")).isFalse();
    }

    @Test
    void onlyAnObjectBeingDeletedWithTheFinalizerWaitsForItsDependents() {
        Pod pod = pod(List.of());
        Pod marked = pod.withMetadata(pod.metadata().withFinalizers(List.of("foregroundDeletion")));
        Pod deleting = marked.withMetadata(marked.metadata().withDeletionTimestamp("2030-01-01T00:00:00Z"));

        assertThat(OwnerReferences.deletingDependents(marked)).isFalse();
        assertThat(OwnerReferences.deletingDependents(deleting)).isTrue();
        assertThat(OwnerReferences.orphaningDependents(deleting)).isFalse();
    }

    private static OwnerReference ref(String name, String uid, boolean blocking) {
        return new OwnerReference("apps/v1", "ReplicaSet", name, uid, blocking, blocking, null);
    }

    private static Pod pod(List<OwnerReference> references) {
        return Pod.of(ObjectMeta.of("ns", "p").withOwnerReferences(references), null);
    }
}
