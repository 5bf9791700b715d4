package io.j8s.common.informer;

import static io.j8s.common.informer.TestPods.labelled;
import static io.j8s.common.informer.TestPods.onNode;
import static io.j8s.common.informer.TestPods.ownedBy;
import static io.j8s.common.informer.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.labels.Selector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IndexedStoreTest {

    private final IndexedStore<Pod> store = new IndexedStore<>("pods");

    {
        store.addIndexer(Indexes.NODE_NAME, Indexes.podNodeName());
        store.addIndexer(Indexes.OWNER_UID, Indexes.ownerUids());
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(Pod::name).sorted().toList();
    }

    @Test
    void keysAreNamespaceSlashNameOrJustTheNameWhenClusterScoped() {
        assertThat(Cache.keyOf(pod("default", "web", "1"))).isEqualTo("default/web");
        assertThat(Cache.keyOf(Node.of(ObjectMeta.named("node-1"), null))).isEqualTo("node-1");
    }

    @Test
    void getsByNamespaceAndNameOrKey() {
        store.put(pod("default", "web", "1"));

        assertThat(store.get("default", "web")).isPresent();
        assertThat(store.getByKey("default/web")).isPresent();
        assertThat(store.get("other", "web")).isEmpty();
        assertThat(store.keys()).containsExactly("default/web");
    }

    @Test
    void listsByNamespaceAndSelector() {
        store.put(labelled(pod("a", "web-1", "1"), Map.of("app", "web")));
        store.put(labelled(pod("a", "db-1", "1"), Map.of("app", "db")));
        store.put(labelled(pod("b", "web-2", "1"), Map.of("app", "web")));
        store.put(pod("b", "bare", "1"));

        assertThat(names(store.list())).containsExactly("bare", "db-1", "web-1", "web-2");
        assertThat(names(store.list("a"))).containsExactly("db-1", "web-1");
        assertThat(names(store.list(null, Selector.parse("app=web")))).containsExactly("web-1", "web-2");
        assertThat(names(store.list("b", Selector.parse("app")))).containsExactly("web-2");
        assertThat(names(store.list("b", Selector.everything()))).containsExactly("bare", "web-2");
        assertThat(store.list(null, Selector.nothing())).isEmpty();
    }

    @Test
    void indexesFollowUpdatesAndDeletes() {
        store.put(onNode(pod("default", "p1", "1"), "node-a"));
        store.put(onNode(pod("default", "p2", "1"), "node-a"));
        store.put(pod("default", "pending", "1"));

        assertThat(names(store.byIndex(Indexes.NODE_NAME, "node-a"))).containsExactly("p1", "p2");

        store.put(onNode(pod("default", "p1", "2"), "node-b"));
        assertThat(names(store.byIndex(Indexes.NODE_NAME, "node-a"))).containsExactly("p2");
        assertThat(names(store.byIndex(Indexes.NODE_NAME, "node-b"))).containsExactly("p1");

        store.remove("default/p2");
        assertThat(store.byIndex(Indexes.NODE_NAME, "node-a")).isEmpty();
        assertThat(store.byIndex(Indexes.NAMESPACE, "default")).hasSize(2);
    }

    @Test
    void ownerIndexHasEveryOwnerUid() {
        store.put(ownedBy(pod("default", "p1", "1"), "uid-1", "uid-2"));
        store.put(ownedBy(pod("default", "p2", "1"), "uid-2"));

        assertThat(names(store.byIndex(Indexes.OWNER_UID, "uid-1"))).containsExactly("p1");
        assertThat(names(store.byIndex(Indexes.OWNER_UID, "uid-2"))).containsExactly("p1", "p2");
        assertThat(store.byIndex(Indexes.OWNER_UID, "uid-3")).isEmpty();
    }

    @Test
    void anUnknownIndexIsAnError() {
        assertThatThrownBy(() -> store.byIndex("nope", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIndexAddedLaterCoversWhatIsStored() {
        store.put(labelled(pod("default", "p1", "1"), Map.of("tier", "front")));
        store.addIndexer("tier", pod -> List.of(pod.metadata().labelsOrEmpty().getOrDefault("tier", "")));

        assertThat(names(store.byIndex("tier", "front"))).containsExactly("p1");
    }

    @Test
    void readersNeverSeeAnObjectUnderAnIndexValueItNoLongerHas() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger wrong = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (Pod pod : store.byIndex(Indexes.NODE_NAME, "node-a")) {
                    if (!"node-a".equals(pod.spec().nodeName())) {
                        wrong.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            store.put(onNode(pod("default", "hopper", String.valueOf(i)), i % 2 == 0 ? "node-a" : "node-b"));
        }
        stop.set(true);
        reader.join();

        assertThat(wrong).hasValue(0);
    }
}
