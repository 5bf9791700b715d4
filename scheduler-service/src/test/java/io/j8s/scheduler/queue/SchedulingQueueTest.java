package io.j8s.scheduler.queue;

import static io.j8s.scheduler.TestObjects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SchedulingQueue queue = new SchedulingQueue(Duration.ofSeconds(1), Duration.ofSeconds(10),
        Duration.ofSeconds(60), now::get);

    @Test
    void higherPriorityFirstThenOlder() {
        queue.add(pod("ns", "young-low", "1", 0, T0.plusSeconds(10)));
        queue.add(pod("ns", "old-low", "1", 0, T0));
        queue.add(pod("ns", "young-high", "1", 1000, T0.plusSeconds(20)));
        queue.add(pod("ns", "negative", "1", -5, T0.minusSeconds(100)));

        assertThat(popKeys(4)).containsExactly("ns/young-high", "ns/old-low", "ns/young-low", "ns/negative");
    }

    @Test
    void samePriorityAndSecondArriveInOrder() {
        for (int i = 0; i < 5; i++) {
            queue.add(pod("ns", "p" + i, "1", 0, T0));
        }
        assertThat(popKeys(5)).containsExactly("ns/p0", "ns/p1", "ns/p2", "ns/p3", "ns/p4");
    }

    @Test
    void aPodIsQueuedOnceHoweverOftenItIsAddedOrUpdated() {
        Pod pod = pod("ns", "a", "1", 0, T0);
        queue.add(pod);
        queue.add(pod);
        queue.update(pod, pod.withStatus(pod.status().withMessage("x")));

        assertThat(queue.sizes().active()).isEqualTo(1);
        assertThat(queue.poll()).isPresent();
        assertThat(queue.poll()).isEmpty();
        // While in flight, an add or update does not queue it a second time.
        queue.add(pod);
        queue.update(pod, pod);
        assertThat(queue.poll()).isEmpty();
    }

    @Test
    void theLatestObjectIsScheduled() {
        Pod pod = pod("ns", "a", "1", 0, T0);
        queue.add(pod);
        Pod changed = pod.withSpec(pod.spec().withNodeSelector(java.util.Map.of("disk", "ssd")));
        queue.update(pod, changed);

        assertThat(queue.poll().orElseThrow().pod()).isEqualTo(changed);
    }

    @Test
    void aFailedPodWaitsOutAnExponentialBackoff() {
        queue.add(pod("ns", "a", "1", 0, T0));
        QueuedPodInfo first = queue.poll().orElseThrow();
        assertThat(first.attempts()).isEqualTo(1);
        queue.addBackoff(first);

        assertThat(queue.sizes().backoff()).isEqualTo(1);
        advance(Duration.ofMillis(999));
        assertThat(queue.poll()).isEmpty();
        advance(Duration.ofMillis(1));
        QueuedPodInfo second = queue.poll().orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);

        queue.addBackoff(second); // 2 s now
        advance(Duration.ofMillis(1999));
        assertThat(queue.poll()).isEmpty();
        advance(Duration.ofMillis(1));
        QueuedPodInfo third = queue.poll().orElseThrow();
        queue.addBackoff(third); // 4 s
        advance(Duration.ofSeconds(4));
        assertThat(queue.poll()).isPresent();
    }

    @Test
    void backoffDoublesUpToTheMax() {
        assertThat(queue.backoffNanos(1)).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        assertThat(queue.backoffNanos(2)).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        assertThat(queue.backoffNanos(4)).isEqualTo(TimeUnit.SECONDS.toNanos(8));
        assertThat(queue.backoffNanos(5)).isEqualTo(TimeUnit.SECONDS.toNanos(10));
        assertThat(queue.backoffNanos(60)).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void anUnschedulablePodWaitsForAnEventThatCanHelpIt() {
        queue.add(pod("ns", "big", "64", 0, T0));
        QueuedPodInfo info = queue.poll().orElseThrow();
        queue.addUnschedulable(info, Set.of("NodeResourcesFit"));
        assertThat(queue.sizes().unschedulable()).isEqualTo(1);
        advance(Duration.ofSeconds(30));
        assertThat(queue.poll()).isEmpty();

        // A pod being bound frees nothing; a pod leaving a node does.
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
        assertThat(queue.sizes().unschedulable()).isEqualTo(1);
        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
        assertThat(queue.sizes().unschedulable()).isZero();
        assertThat(queue.poll().orElseThrow().key()).isEqualTo("ns/big");
    }

    @Test
    void aNodeEventMovesEveryUnschedulablePodButOnlyAfterItsBackoff() {
        queue.add(pod("ns", "tainted", "1", 0, T0));
        queue.add(pod("ns", "affinity", "1", 0, T0.plusSeconds(1)));
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("TaintToleration"));
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("InterPodAffinity"));

        queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
        assertThat(queue.sizes()).isEqualTo(new SchedulingQueue.Sizes(0, 1, 1, 0));

        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
        assertThat(queue.sizes()).isEqualTo(new SchedulingQueue.Sizes(0, 2, 0, 0));
        assertThat(queue.poll()).isEmpty(); // still within the 1 s back-off of their first attempt
        advance(Duration.ofSeconds(1));
        assertThat(popKeys(2)).containsExactlyInAnyOrder("ns/tainted", "ns/affinity");
    }

    @Test
    void anUnschedulablePodIsTriedAgainAfterAMinuteAnyway() {
        queue.add(pod("ns", "a", "1", 0, T0));
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("NodeAffinity"));
        advance(Duration.ofSeconds(59));
        assertThat(queue.poll()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(queue.poll()).isPresent();
    }

    @Test
    void anEventDuringTheAttemptSendsAFailedPodToBackoffNotToWait() {
        queue.add(pod("ns", "a", "1", 0, T0));
        QueuedPodInfo info = queue.poll().orElseThrow();
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD); // a node appeared while "a" was being scheduled
        queue.addUnschedulable(info, Set.of("NodeResourcesFit"));

        assertThat(queue.sizes()).isEqualTo(new SchedulingQueue.Sizes(0, 1, 0, 0));
        advance(Duration.ofSeconds(1));
        assertThat(queue.poll()).isPresent();
    }

    @Test
    void aChangeToTheUnschedulablePodItselfRequeuesItButItsStatusDoesNot() {
        Pod pod = pod("ns", "a", "1", 0, T0);
        queue.add(pod);
        queue.addUnschedulable(queue.poll().orElseThrow(), Set.of("TaintToleration"));

        Pod statusWritten = pod.withStatus(pod.status().withMessage("unschedulable"));
        queue.update(pod, statusWritten);
        assertThat(queue.sizes().unschedulable()).isEqualTo(1);

        Pod tolerating = statusWritten.withSpec(statusWritten.spec().withTolerations(
            List.of(new Toleration("dedicated", "Exists", null, "NoSchedule", null, null))));
        queue.update(statusWritten, tolerating);
        assertThat(queue.sizes().unschedulable()).isZero();
        advance(Duration.ofSeconds(1));
        assertThat(queue.poll().orElseThrow().pod()).isEqualTo(tolerating);
    }

    @Test
    void podsDeletedOrBoundMeanwhileAreDropped() {
        queue.add(pod("ns", "queued", "1", 0, T0));
        queue.add(pod("ns", "flying", "1", 0, T0.plusSeconds(1)));
        queue.add(pod("ns", "waiting", "1", 0, T0.plusSeconds(2)));
        queue.delete("ns/queued");
        QueuedPodInfo flying = queue.poll().orElseThrow();
        assertThat(flying.key()).isEqualTo("ns/flying");
        QueuedPodInfo waiting = queue.poll().orElseThrow();
        queue.addUnschedulable(waiting, Set.of());

        queue.delete("ns/flying"); // bound by someone else while we scheduled it
        queue.delete("ns/waiting");
        queue.addUnschedulable(flying, Set.of("NodeResourcesFit"));
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
        advance(Duration.ofMinutes(5));

        assertThat(queue.poll()).isEmpty();
        assertThat(queue.sizes()).isEqualTo(new SchedulingQueue.Sizes(0, 0, 0, 0));
    }

    @Test
    void aPodRecreatedUnderTheSameNameWhileTheOldOneIsInFlightIsQueued() {
        queue.add(pod("ns", "a", "1", 0, T0));
        QueuedPodInfo old = queue.poll().orElseThrow();
        queue.delete("ns/a");
        Pod recreated = pod("ns", "a", "2", 0, T0.plusSeconds(5));
        queue.add(recreated);
        queue.addUnschedulable(old, Set.of()); // the old attempt ends: must not swallow the new pod
        queue.done(old);

        assertThat(queue.poll().orElseThrow().pod()).isEqualTo(recreated);
    }

    @Test
    void popWaitsForAPodAndCloseWakesIt() throws Exception {
        SchedulingQueue real = new SchedulingQueue(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(60));
        CompletableFuture<Optional<QueuedPodInfo>> popped = CompletableFuture.supplyAsync(() -> {
            try {
                return real.pop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(popped).isNotDone();
        real.add(pod("ns", "a", "1", 0, T0));
        assertThat(popped.get(5, TimeUnit.SECONDS)).isPresent();

        // A back-off that runs out wakes pop by itself.
        real.addBackoff(popped.get().orElseThrow());
        QueuedPodInfo again = real.pop().orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);

        CompletableFuture<Optional<QueuedPodInfo>> closed = CompletableFuture.supplyAsync(() -> {
            try {
                return real.pop();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        real.close();
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    private List<String> popKeys(int count) {
        return java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> queue.poll().orElseThrow().key())
            .toList();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
