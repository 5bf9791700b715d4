package io.j8s.common.informer;

import static io.j8s.common.informer.TestPods.onNode;
import static io.j8s.common.informer.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.ListWatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The informer's threading around {@link InformerCore}, fed by a scripted list-and-watch stream. */
class SharedInformerTest {

    /** An ApiClient whose list-and-watch stream the test writes. */
    static final class ScriptedClient extends ApiClient {
        final Sinks.Many<ListWatchEvent<Pod>> stream = Sinks.many().unicast().onBackpressureBuffer();

        ScriptedClient() {
            super("http://unused.invalid");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends KubeObject<T>> Flux<ListWatchEvent<T>> listAndWatch(ResourceType<T> type,
                String namespace, ListOptions options) {
            return (Flux<ListWatchEvent<T>>) (Flux<?>) stream.asFlux();
        }

        void emit(ListWatchEvent<Pod> event) {
            stream.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
        }
    }

    private final ScriptedClient client = new ScriptedClient();
    private SharedInformer<Pod> informer;

    @AfterEach
    void stop() {
        if (informer != null) {
            informer.stop();
        }
    }

    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void syncsOnTheFirstListAndFollowsTheWatchOnItsOwnThread() throws InterruptedException {
        informer = new SharedInformer<>(client, Resources.PODS, null, ListOptions.NONE, Duration.ZERO);
        informer.addIndexer(Indexes.NODE_NAME, Indexes.podNodeName());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod obj) {
                threads.add(Thread.currentThread().getName());
                // the cache is updated before handlers hear of a change
                assertThat(informer.cache().getByKey(Cache.keyOf(obj))).isPresent();
                seen.add("add " + obj.name());
            }

            @Override
            public void onDelete(Pod obj) {
                seen.add("delete " + obj.name());
            }
        });
        informer.start();
        assertThat(informer.hasSynced()).isFalse();
        assertThat(informer.waitForSync(Duration.ofMillis(50))).isFalse();

        client.emit(new ListWatchEvent.Listed<>(List.of(onNode(pod("default", "a", "1"), "n1")), "5"));
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();
        client.emit(new ListWatchEvent.Changed<>(WatchEvent.added(onNode(pod("default", "b", "6"), "n1"))));
        client.emit(new ListWatchEvent.Changed<>(WatchEvent.deleted(pod("default", "a", "7"))));

        eventually(() -> assertThat(seen).containsExactly("add a", "add b", "delete a"));
        assertThat(informer.cache().byIndex(Indexes.NODE_NAME, "n1")).extracting(Pod::name).containsExactly("b");
        assertThat(threads).containsExactly("informer-pods");
        assertThat(informer.type()).isEqualTo(Resources.PODS);
        assertThatThrownBy(() -> informer.addIndexer("late", p -> List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHandlerAddedAfterSyncGetsTheCacheFirst() throws InterruptedException {
        informer = new SharedInformer<>(client, Resources.PODS, "default", ListOptions.NONE, Duration.ZERO);
        informer.start();
        client.emit(new ListWatchEvent.Listed<>(List.of(pod("default", "a", "1"), pod("default", "b", "2")), "5"));
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();

        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod obj) {
                seen.add("add " + obj.name());
            }
        });
        client.emit(new ListWatchEvent.Changed<>(WatchEvent.added(pod("default", "c", "6"))));

        eventually(() -> assertThat(seen).hasSize(3));
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder("add a", "add b");
        assertThat(seen.get(2)).isEqualTo("add c");
    }

    @Test
    void resyncsPeriodically() throws InterruptedException {
        informer = new SharedInformer<>(client, Resources.PODS, null, ListOptions.NONE, Duration.ofMillis(50));
        List<String> resyncs = Collections.synchronizedList(new ArrayList<>());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(Pod oldObj, Pod newObj) {
                if (oldObj == newObj) {
                    resyncs.add(newObj.name());
                }
            }
        });
        informer.start();
        client.emit(new ListWatchEvent.Listed<>(List.of(pod("default", "a", "1")), "5"));

        eventually(() -> assertThat(resyncs.size()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void stopEndsTheDispatcherAndKeepsTheCache() throws InterruptedException {
        informer = new SharedInformer<>(client, Resources.PODS, null, ListOptions.NONE, Duration.ZERO);
        informer.start();
        client.emit(new ListWatchEvent.Listed<>(List.of(pod("default", "a", "1")), "5"));
        assertThat(informer.waitForSync(Duration.ofSeconds(5))).isTrue();

        informer.stop();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("informer-pods"));
        assertThat(informer.cache().list()).hasSize(1);
        assertThatThrownBy(informer::start).isInstanceOf(IllegalStateException.class);
    }
}
