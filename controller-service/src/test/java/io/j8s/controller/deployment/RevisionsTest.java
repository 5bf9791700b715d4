package io.j8s.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentSpec;
import io.j8s.common.api.apps.DeploymentStrategy;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionsTest {

    private static final Deployment D = Deployment.of(ObjectMeta.of("ns", "web")
            .withAnnotations(Map.of("kubernetes.io/change-cause", "v2", Revisions.REVISION_ANNOTATION, "7")),
        new DeploymentSpec(4, null, null, DeploymentStrategy.rollingUpdate(IntOrString.of(1), IntOrString.of(0)),
            null, null, null, null, null));

    private static ReplicaSet rs(Map<String, String> annotations) {
        return ReplicaSet.of(ObjectMeta.of("ns", "web-x").withAnnotations(annotations),
            new ReplicaSetSpec(1, null, null, null, null));
    }

    @Test
    void aNewReplicaSetGetsTheNextRevisionTheReplicaCountsAndTheDeploymentsAnnotations() {
        Map<String, String> a = Revisions.forNewReplicaSet(D, rs(null), 3, false);
        assertThat(a).containsEntry(Revisions.REVISION_ANNOTATION, "3")
            .containsEntry(Replicas.DESIRED_REPLICAS_ANNOTATION, "4")
            .containsEntry(Replicas.MAX_REPLICAS_ANNOTATION, "5")
            .containsEntry("kubernetes.io/change-cause", "v2")
            .doesNotContainKey(Revisions.REVISION_HISTORY_ANNOTATION);
    }

    @Test
    void goingBackToAnOldTemplateRaisesItsRevisionAndKeepsTheOldNumberInHistory() {
        Map<String, String> a = Revisions.forNewReplicaSet(D, rs(Map.of(Revisions.REVISION_ANNOTATION, "1")), 3, true);
        assertThat(a).containsEntry(Revisions.REVISION_ANNOTATION, "3")
            .containsEntry(Revisions.REVISION_HISTORY_ANNOTATION, "1")
            .doesNotContainKey(Replicas.DESIRED_REPLICAS_ANNOTATION);
        Map<String, String> again = Revisions.forNewReplicaSet(D, rs(a), 5, true);
        assertThat(again).containsEntry(Revisions.REVISION_ANNOTATION, "5")
            .containsEntry(Revisions.REVISION_HISTORY_ANNOTATION, "1,3");
    }

    @Test
    void aHigherRevisionIsKept() {
        Map<String, String> a = Revisions.forNewReplicaSet(D, rs(Map.of(Revisions.REVISION_ANNOTATION, "9")), 3, true);
        assertThat(a).containsEntry(Revisions.REVISION_ANNOTATION, "9");
        assertThat(Revisions.maxRevision(List.of(rs(Map.of(Revisions.REVISION_ANNOTATION, "2")),
            rs(Map.of(Revisions.REVISION_ANNOTATION, "x")), rs(null)))).isEqualTo(2);
    }
}
