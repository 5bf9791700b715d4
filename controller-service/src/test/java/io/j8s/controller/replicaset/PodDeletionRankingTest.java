package io.j8s.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerStatus;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodDeletionRankingTest {

    /** A pod created at {@code created} (seconds after midnight), on {@code node} (null: unscheduled). */
    private static Pod pod(String name, String node, String phase, boolean ready, int created) {
        String time = "2024-01-01T00:00:%02dZ".formatted(created);
        PodStatus status = PodStatus.of(phase);
        if (ready) {
            status = status.withConditions(List.of(new PodCondition(PodCondition.READY, "True", null, time, null, null, null)));
        }
        return new Pod(null, null, ObjectMeta.of("ns", name).withUid(name).withCreationTimestamp(time),
            PodSpec.of(List.of(Container.of("c", "img"))).withNodeName(node), status, null);
    }

    private static List<String> order(List<Pod> pods) {
        List<Pod> shuffled = new ArrayList<>(pods);
        Collections.shuffle(shuffled);
        return PodDeletionRanking.podsToDelete(shuffled, List.of(), pods.size() - 1).stream()
            .map(p -> p.metadata().name()).toList();
    }

    @Test
    void unscheduledBeforeScheduledPendingBeforeRunningNotReadyBeforeReady() {
        List<Pod> pods = List.of(
            pod("unscheduled", null, PodStatus.PENDING, false, 1),
            pod("pending", "n1", PodStatus.PENDING, false, 1),
            pod("unknown", "n1", PodStatus.UNKNOWN, false, 1),
            pod("running-not-ready", "n1", PodStatus.RUNNING, false, 1),
            pod("running-ready", "n1", PodStatus.RUNNING, true, 1),
            pod("keep", "n1", PodStatus.RUNNING, true, 0));
        assertThat(order(pods)).containsExactly("unscheduled", "pending", "unknown", "running-not-ready", "running-ready");
    }

    @Test
    void amongEqualPodsTheNewestGoesFirst() {
        List<Pod> pods = List.of(
            pod("oldest", "n1", PodStatus.PENDING, false, 1),
            pod("newest", "n1", PodStatus.PENDING, false, 9),
            pod("middle", "n1", PodStatus.PENDING, false, 5));
        assertThat(PodDeletionRanking.podsToDelete(pods, List.of(), 2).stream().map(p -> p.metadata().name()))
            .containsExactly("newest", "middle");
    }

    @Test
    void readyForLessTimeGoesFirstAndMoreRestartsGoFirst() {
        Pod longReady = pod("long-ready", "n1", PodStatus.RUNNING, true, 1);
        Pod shortReady = pod("short-ready", "n1", PodStatus.RUNNING, true, 8);
        assertThat(PodDeletionRanking.podsToDelete(List.of(longReady, shortReady), List.of(), 1).get(0).metadata().name())
            .isEqualTo("short-ready");
        Pod restarting = pod("restarting", "n1", PodStatus.PENDING, false, 1);
        restarting = restarting.withStatus(restarting.status().withContainerStatuses(List.of(
            new ContainerStatus("c", null, null, false, 4, "img", null, null, false, null))));
        Pod fresh = pod("fresh", "n1", PodStatus.PENDING, false, 1);
        assertThat(PodDeletionRanking.podsToDelete(List.of(fresh, restarting), List.of(), 1).get(0).metadata().name())
            .isEqualTo("restarting");
    }

    @Test
    void lowerDeletionCostGoesFirstThenPodsDoubledUpOnANode() {
        Pod cheap = pod("cheap", "n1", PodStatus.RUNNING, true, 1);
        cheap = cheap.withMetadata(cheap.metadata().withAnnotations(Map.of(PodDeletionRanking.DELETION_COST_ANNOTATION, "-5")));
        Pod newer = pod("newer", "n2", PodStatus.RUNNING, true, 1);
        assertThat(PodDeletionRanking.podsToDelete(List.of(newer, cheap), List.of(), 1).get(0).metadata().name())
            .isEqualTo("cheap");

        Pod crowded = pod("crowded", "n1", PodStatus.RUNNING, true, 1);
        Pod alone = pod("alone", "n2", PodStatus.RUNNING, true, 1);
        List<Pod> related = List.of(crowded, alone, pod("sibling", "n1", PodStatus.RUNNING, true, 1));
        assertThat(PodDeletionRanking.podsToDelete(List.of(alone, crowded), related, 1).get(0).metadata().name())
            .isEqualTo("crowded");
    }
}
