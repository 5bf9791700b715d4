package io.j8s.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetSpec;
import io.j8s.common.api.apps.ReplicaSetStatus;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSetStatusesTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:01:00Z");

    private static ReplicaSet rs(int replicas, int minReadySeconds) {
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(Map.of("app", "web", "tier", "front")),
            PodSpec.of(List.of(Container.of("c", "img"))));
        return ReplicaSet.of(ObjectMeta.of("ns", "web").withGeneration(3L),
            new ReplicaSetSpec(replicas, minReadySeconds, LabelSelector.matching(Map.of("app", "web")), template, null));
    }

    private static Pod pod(Map<String, String> labels, Instant readySince) {
        PodStatus status = PodStatus.of(PodStatus.RUNNING);
        if (readySince != null) {
            status = status.withConditions(List.of(
                new PodCondition(PodCondition.READY, "True", null, readySince.toString(), null, null, null)));
        }
        return new Pod(null, null, ObjectMeta.of("ns", "p").withLabels(labels), PodSpec.of(List.of()), status, null);
    }

    @Test
    void countsFullyLabeledReadyAndAvailablePods() {
        List<Pod> pods = List.of(
            pod(Map.of("app", "web", "tier", "front"), NOW.minusSeconds(30)),
            pod(Map.of("app", "web"), NOW.minusSeconds(5)),
            pod(Map.of("app", "web", "tier", "front"), null));
        ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs(3, 10), pods, null, NOW);
        assertThat(status.replicas()).isEqualTo(3);
        assertThat(status.fullyLabeledReplicas()).isEqualTo(2);
        assertThat(status.readyReplicas()).isEqualTo(2);
        assertThat(status.availableReplicas()).isEqualTo(1);
        assertThat(status.conditions()).isNull();
        // The one ready for 5 of 10 seconds becomes available in about 5 seconds.
        assertThat(ReplicaSetStatuses.nextAvailability(rs(3, 10), pods, NOW)).get()
            .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(6)));
        assertThat(ReplicaSetStatuses.nextAvailability(rs(3, 0), pods, NOW)).isEmpty();
    }

    @Test
    void aFailedCreateIsAReplicaFailureUntilASyncSucceeds() {
        ReplicaSet rs = rs(3, 0);
        ReplicaSetStatus failed = ReplicaSetStatuses.calculate(rs, List.of(), new IllegalStateException("exceeded quota"), NOW);
        assertThat(failed.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("ReplicaFailure");
            assertThat(c.status()).isEqualTo("True");
            assertThat(c.reason()).isEqualTo("FailedCreate");
            assertThat(c.message()).isEqualTo("exceeded quota");
        });
        ReplicaSet withFailure = rs.withStatus(failed);
        assertThat(ReplicaSetStatuses.calculate(withFailure, List.of(), null, NOW).conditions()).isNull();
    }

    @Test
    void upToDateComparesCountsAndObservedGeneration() {
        ReplicaSet rs = rs(1, 0);
        ReplicaSetStatus status = ReplicaSetStatuses.calculate(rs, List.of(), null, NOW);
        assertThat(ReplicaSetStatuses.upToDate(rs, status)).isFalse(); // generation 3 not observed yet
        ReplicaSet observed = rs.withStatus(status.withObservedGeneration(3L));
        assertThat(ReplicaSetStatuses.upToDate(observed, ReplicaSetStatuses.calculate(observed, List.of(), null, NOW))).isTrue();
    }
}
