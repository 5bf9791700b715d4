package io.j8s.controller.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletionConditionsTest {

    private static final DeletionConditions.Outcome CLEAN = new DeletionConditions.Outcome(Map.of(), Map.of(), List.of());

    @Test
    void aCleanPassReportsTheFiveConditionsFalseWithKubernetesMessages() {
        List<Map<String, Object>> conditions = DeletionConditions.update(null, CLEAN, "2030-01-01T00:00:00Z");

        assertThat(conditions).extracting(c -> c.get("type")).containsExactly(
            "NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure",
            "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining");
        assertThat(conditions).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("False"));
        assertThat(conditions.get(2).get("message"))
            .isEqualTo("All content successfully deleted, may be waiting on finalization");
        assertThat(DeletionConditions.update(conditions, CLEAN, "2030-01-01T00:05:00Z")).isNull();
    }

    @Test
    void remainingContentAndFailuresAreSpelledOutSortedAndMoveTheTransitionTime() {
        List<Map<String, Object>> clean = DeletionConditions.update(null, CLEAN, "2030-01-01T00:00:00Z");
        DeletionConditions.Outcome outcome = new DeletionConditions.Outcome(
            Map.of("replicasets.apps", 1, "pods.", 2), Map.of("foregroundDeletion", 1),
            List.of("pods.: boom", "leases.coordination.k8s.io: bang"));

        List<Map<String, Object>> conditions = DeletionConditions.update(clean, outcome, "2030-01-01T00:01:00Z");

        Map<String, Object> remaining = conditions.get(3);
        assertThat(remaining.get("status")).isEqualTo("True");
        assertThat(remaining.get("reason")).isEqualTo("SomeResourcesRemain");
        assertThat(remaining.get("message"))
            .isEqualTo("Some resources are remaining: pods. has 2 resource instances, replicasets.apps has 1 resource instances");
        assertThat(remaining.get("lastTransitionTime")).isEqualTo("2030-01-01T00:01:00Z");
        assertThat(conditions.get(4).get("message"))
            .isEqualTo("Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances");
        assertThat(conditions.get(2).get("reason")).isEqualTo("ContentDeletionFailed");
        assertThat(conditions.get(2).get("message")).isEqualTo(
            "Failed to delete all resource types, 2 remaining: leases.coordination.k8s.io: bang, pods.: boom");
        assertThat(conditions.get(0).get("lastTransitionTime")).isEqualTo("2030-01-01T00:00:00Z");
    }
}
