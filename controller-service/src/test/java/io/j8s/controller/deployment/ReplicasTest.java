package io.j8s.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentSpec;
import io.j8s.common.api.apps.DeploymentStrategy;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.apps.ReplicaSetStatus;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicasTest {

    private static Deployment deployment(int replicas, IntOrString surge, IntOrString unavailable) {
        return Deployment.of(ObjectMeta.of("ns", "web"),
            new DeploymentSpec(replicas, null, null, DeploymentStrategy.rollingUpdate(surge, unavailable),
                null, null, null, null, null));
    }

    private static ReplicaSet rs(String name, int replicas, int observed, int available, Map<String, String> annotations) {
        return ReplicaSet.of(ObjectMeta.of("ns", name).withUid(name).withAnnotations(annotations),
                new ReplicaSetSpec(replicas, null, null, null, null))
            .withStatus(ReplicaSetStatus.empty().withReplicas(observed).withAvailableReplicas(available));
    }

    @Test
    void surgeRoundsUpAndUnavailableRoundsDown() {
        Replicas.Fenceposts f = Replicas.resolveFenceposts(IntOrString.of("25%"), IntOrString.of("25%"), 5);
        assertThat(f.surge()).isEqualTo(2);
        assertThat(f.unavailable()).isEqualTo(1);
        f = Replicas.resolveFenceposts(IntOrString.of("25%"), IntOrString.of("25%"), 10);
        assertThat(f.surge()).isEqualTo(3);
        assertThat(f.unavailable()).isEqualTo(2);
        f = Replicas.resolveFenceposts(IntOrString.of(3), IntOrString.of(1), 10);
        assertThat(f.surge()).isEqualTo(3);
        assertThat(f.unavailable()).isEqualTo(1);
    }

    @Test
    void bothZeroAfterRoundingStillLetsOnePodGo() {
        Replicas.Fenceposts f = Replicas.resolveFenceposts(IntOrString.of("0%"), IntOrString.of("25%"), 1);
        assertThat(f.surge()).isZero();
        assertThat(f.unavailable()).isEqualTo(1);
    }

    @Test
    void maxUnavailableNeverExceedsReplicasAndRecreateHasNoBudgets() {
        assertThat(Replicas.maxUnavailable(deployment(2, IntOrString.of(0), IntOrString.of(5)))).isEqualTo(2);
        assertThat(Replicas.maxUnavailable(deployment(0, IntOrString.of(1), IntOrString.of(1)))).isZero();
        Deployment recreate = Deployment.of(ObjectMeta.of("ns", "web"), new DeploymentSpec(3, null, null,
            DeploymentStrategy.recreate(), null, null, null, null, null));
        assertThat(Replicas.maxSurge(recreate)).isZero();
        assertThat(Replicas.maxUnavailable(recreate)).isZero();
    }

    @Test
    void theNewReplicaSetGrowsOnlyIntoTheSurge() {
        Deployment d = deployment(5, IntOrString.of(2), IntOrString.of(1));
        ReplicaSet old = rs("old", 5, 5, 5, Map.of());
        ReplicaSet fresh = rs("new", 0, 0, 0, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(old, fresh), fresh)).isEqualTo(2);
        // At the surge limit: no growth.
        ReplicaSet grown = rs("new", 2, 2, 0, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(old, grown), grown)).isEqualTo(2);
        // Old scaled down to 3: room for 2 more, but never beyond replicas.
        ReplicaSet shrunk = rs("old", 3, 3, 3, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(shrunk, grown), grown)).isEqualTo(4);
        ReplicaSet gone = rs("old", 0, 0, 0, Map.of());
        ReplicaSet four = rs("new", 4, 4, 4, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(gone, four), four)).isEqualTo(5);
    }

    @Test
    void oldPodsNotYetReportedGoneStillUseTheSurge() {
        Deployment d = deployment(5, IntOrString.of(1), IntOrString.of(0));
        // Scaled down to 4, but its controller still reports 5 pods.
        ReplicaSet old = rs("old", 4, 5, 5, Map.of());
        ReplicaSet fresh = rs("new", 1, 1, 1, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(old, fresh), fresh)).isEqualTo(1);
        ReplicaSet reported = rs("old", 4, 4, 4, Map.of());
        assertThat(Replicas.newReplicaSetReplicas(d, List.of(reported, fresh), fresh)).isEqualTo(2);
    }

    @Test
    void aScalingEventIsSharedInProportion() {
        // Was 10 replicas with surge 3 (max 13); now 20 with surge 5 (max 25).
        Deployment d = deployment(20, IntOrString.of(5), IntOrString.of(2));
        Map<String, String> sizedFor10 = Map.of(Replicas.MAX_REPLICAS_ANNOTATION, "13");
        ReplicaSet old = rs("old", 8, 8, 8, sizedFor10);
        ReplicaSet fresh = rs("new", 5, 5, 5, sizedFor10);
        int toAdd = 25 - 13;
        int forOld = Replicas.proportion(old, d, toAdd, 0);
        int forNew = Replicas.proportion(fresh, d, toAdd, forOld);
        assertThat(forOld).isEqualTo(Math.round(8 * 25 / 13f) - 8);
        assertThat(forNew).isEqualTo(Math.round(5 * 25 / 13f) - 5);
        assertThat(forOld + forNew).isLessThanOrEqualTo(toAdd);
    }

    @Test
    void saturatedMeansAllReplicasAvailableAndAnnotated() {
        Deployment d = deployment(3, IntOrString.of(1), IntOrString.of(1));
        assertThat(Replicas.isSaturated(d, rs("new", 3, 3, 3, Map.of(Replicas.DESIRED_REPLICAS_ANNOTATION, "3")))).isTrue();
        assertThat(Replicas.isSaturated(d, rs("new", 3, 3, 2, Map.of(Replicas.DESIRED_REPLICAS_ANNOTATION, "3")))).isFalse();
        assertThat(Replicas.isSaturated(d, rs("new", 3, 3, 3, Map.of()))).isFalse();
    }
}
