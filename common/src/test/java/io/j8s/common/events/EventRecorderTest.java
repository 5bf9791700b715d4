package io.j8s.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.Status;
import io.j8s.common.client.ApiException;
import io.j8s.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class EventRecorderTest {

    /** Records writes; each completes when the test says (or at once when {@code autoComplete}). */
    static final class FakeSink implements EventSink {
        final List<Event> created = new ArrayList<>();
        final List<String> patches = new ArrayList<>();
        final List<Sinks.One<Void>> pending = new ArrayList<>();
        boolean autoComplete = true;
        RuntimeException failWith;

        @Override
        public synchronized Mono<Void> create(Event event) {
            created.add(event);
            return result();
        }

        @Override
        public synchronized Mono<Void> patch(String namespace, String name, String mergePatch) {
            patches.add(namespace + "/" + name + " " + mergePatch);
            return result();
        }

        private Mono<Void> result() {
            if (failWith != null) {
                return Mono.error(failWith);
            }
            if (autoComplete) {
                return Mono.empty();
            }
            Sinks.One<Void> one = Sinks.one();
            pending.add(one);
            return one.asMono();
        }

        void completeAll() {
            List<Sinks.One<Void>> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(Sinks.One::tryEmitEmpty);
        }
    }

    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00.250Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeSink sink = new FakeSink();
    private final FakeClock clock = new FakeClock();
    private final EventRecorder recorder = new EventRecorder(sink, "replicaset-controller", "host-1", clock, 2);

    private static Pod pod(String name) {
        return Pod.of(ObjectMeta.of("shop", name).withUid("uid-" + name).withResourceVersion("42"), null);
    }

    @Test
    void createsAnEventLikeKubernetes() {
        recorder.normal(pod("web-1"), "SuccessfulCreate", "Created pod: %s", "web-1");

        assertThat(sink.created).hasSize(1);
        Event event = sink.created.get(0);
        assertThat(event.metadata().namespace()).isEqualTo("shop");
        assertThat(event.metadata().name()).matches("web-1\\.[0-9a-f]+");
        assertThat(event.type()).isEqualTo("Normal");
        assertThat(event.reason()).isEqualTo("SuccessfulCreate");
        assertThat(event.message()).isEqualTo("Created pod: web-1");
        assertThat(event.count()).isEqualTo(1);
        assertThat(event.firstTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(event.lastTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(event.source().component()).isEqualTo("replicaset-controller");
        assertThat(event.source().host()).isEqualTo("host-1");
        assertThat(event.reportingComponent()).isEqualTo("replicaset-controller");
        assertThat(event.involvedObject().kind()).isEqualTo("Pod");
        assertThat(event.involvedObject().apiVersion()).isEqualTo("v1");
        assertThat(event.involvedObject().namespace()).isEqualTo("shop");
        assertThat(event.involvedObject().name()).isEqualTo("web-1");
        assertThat(event.involvedObject().uid()).isEqualTo("uid-web-1");
        assertThat(event.involvedObject().resourceVersion()).isEqualTo("42");
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToDefault() {
        recorder.warning(Node.of(ObjectMeta.named("node-1"), null), "NodeNotReady", "Node is not ready");

        assertThat(sink.created.get(0).metadata().namespace()).isEqualTo("default");
        assertThat(sink.created.get(0).type()).isEqualTo("Warning");
    }

    @Test
    void repeatsWithinTenMinutesBumpTheCountOfTheSameEvent() {
        recorder.normal(pod("web-1"), "Pulled", "Pulled image %s", "nginx");
        clock.now = clock.now.plusSeconds(30);
        recorder.normal(pod("web-1"), "Pulled", "Pulled image %s", "nginx");
        clock.now = clock.now.plusSeconds(30);
        recorder.normal(pod("web-1"), "Pulled", "Pulled image %s", "nginx");

        assertThat(sink.created).hasSize(1);
        String name = sink.created.get(0).metadata().name();
        assertThat(sink.patches).hasSize(2);
        assertThat(sink.patches.get(1)).startsWith("shop/" + name + " ");
        Map<String, Object> patch = Json.read(sink.patches.get(1).substring(sink.patches.get(1).indexOf(' ') + 1), Json.mapper().getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        assertThat(patch).containsEntry("count", 3).containsEntry("lastTimestamp", "2026-03-01T10:01:00Z");

        recorder.normal(pod("web-1"), "Pulled", "Pulled image %s", "redis");
        recorder.normal(pod("web-2"), "Pulled", "Pulled image %s", "nginx");
        assertThat(sink.created).as("another message or object is another event").hasSize(3);

        clock.now = clock.now.plus(Duration.ofMinutes(11));
        recorder.normal(pod("web-1"), "Pulled", "Pulled image %s", "nginx");
        assertThat(sink.created).as("after the window a new event starts").hasSize(4);
        assertThat(sink.created.get(3).metadata().name()).isNotEqualTo(name);
    }

    @Test
    void repeatsWhileAWriteIsInFlightAreFoldedIntoOnePatch() {
        sink.autoComplete = false;
        recorder.normal(pod("web-1"), "Killing", "Stopping container");
        recorder.normal(pod("web-1"), "Killing", "Stopping container");
        recorder.normal(pod("web-1"), "Killing", "Stopping container");
        assertThat(sink.patches).as("no patch before the create is done").isEmpty();

        sink.completeAll();

        assertThat(sink.patches).hasSize(1);
        assertThat(sink.patches.get(0)).contains("\"count\":3");
    }

    @Test
    void writesBeyondTheInFlightBoundAreDroppedWithoutBlocking() {
        sink.autoComplete = false;
        recorder.normal(pod("a"), "R", "m");
        recorder.normal(pod("b"), "R", "m");
        recorder.normal(pod("c"), "R", "m");

        assertThat(sink.created).as("the third was never sent").hasSize(2);

        sink.completeAll();
        recorder.normal(pod("c"), "R", "m");
        assertThat(sink.created).as("a dropped event is created afresh next time").hasSize(3);
        assertThat(sink.created.get(2).involvedObject().name()).isEqualTo("c");
    }

    @Test
    void failuresNeverReachTheCaller() {
        sink.failWith = new ApiException(Status.failure(500, "InternalError", "etcd is down"));
        recorder.normal(pod("a"), "R", "m");
        recorder.normal(pod("a"), "R", "m");
        recorder.warning(null, "R", "m");
        recorder.normal(pod("a"), "R", "bad %d format", "not a number");

        assertThat(sink.created).as("a failed create is retried as a create, not patched").hasSize(3);
        assertThat(sink.created.get(2).message()).isEqualTo("bad %d format [not a number]");

        sink.failWith = null;
        recorder.normal(pod("a"), "R", "m");
        assertThat(sink.created).hasSize(4);
    }
}
