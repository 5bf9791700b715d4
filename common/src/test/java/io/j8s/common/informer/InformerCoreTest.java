package io.j8s.common.informer;

import static io.j8s.common.informer.TestPods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.client.ListWatchEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerCoreTest {

    /** Records what handlers were told, as "add default/a@1", "update default/a@1->2", "delete default/a@2". */
    static final class Recorder implements ResourceEventHandler<Pod> {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onAdd(Pod obj) {
            seen.add("add " + Cache.keyOf(obj) + "@" + obj.metadata().resourceVersion());
        }

        @Override
        public void onUpdate(Pod oldObj, Pod newObj) {
            seen.add("update " + Cache.keyOf(newObj) + "@" + oldObj.metadata().resourceVersion() + "->"
                    + newObj.metadata().resourceVersion());
        }

        @Override
        public void onDelete(Pod obj) {
            seen.add("delete " + Cache.keyOf(obj) + "@" + obj.metadata().resourceVersion());
        }
    }

    private final InformerCore<Pod> core = new InformerCore<Pod>("pods", new IndexedStore<Pod>("pods"));
    private final Recorder recorder = new Recorder();

    {
        core.addHandler(recorder);
    }

    private static ListWatchEvent<Pod> listed(String rv, Pod... pods) {
        return new ListWatchEvent.Listed<>(List.of(pods), rv);
    }

    private static ListWatchEvent<Pod> changed(WatchEvent<Pod> event) {
        return new ListWatchEvent.Changed<>(event);
    }

    private List<String> keysInCache() {
        return core.store().keys().stream().sorted().toList();
    }

    @Test
    void theFirstListAddsEverything() {
        core.apply(listed("10", pod("default", "a", "5"), pod("default", "b", "6")));

        assertThat(recorder.seen).containsExactlyInAnyOrder("add default/a@5", "add default/b@6");
        assertThat(core.listed()).isTrue();
        assertThat(core.resourceVersion()).isEqualTo("10");
    }

    @Test
    void watchEventsUpdateTheCacheAndNotify() {
        core.apply(listed("10", pod("default", "a", "5")));
        recorder.seen.clear();

        core.apply(changed(WatchEvent.added(pod("default", "b", "11"))));
        core.apply(changed(WatchEvent.modified(pod("default", "a", "12"))));
        core.apply(changed(WatchEvent.deleted(pod("default", "b", "13"))));
        core.apply(changed(WatchEvent.deleted(pod("default", "never-seen", "14"))));

        assertThat(recorder.seen).containsExactly("add default/b@11", "update default/a@5->12", "delete default/b@13");
        assertThat(keysInCache()).containsExactly("default/a");
        assertThat(core.store().getByKey("default/a").orElseThrow().metadata().resourceVersion()).isEqualTo("12");
        assertThat(core.resourceVersion()).isEqualTo("14");
    }

    @Test
    void aRelistAfterChangesNotifiesExactlyTheDifferences() {
        core.apply(listed("10", pod("default", "kept", "1"), pod("default", "changed", "2"),
                pod("default", "gone", "3")));
        core.apply(changed(WatchEvent.modified(pod("default", "changed", "11"))));
        recorder.seen.clear();

        // What the server has after the watch expired and events were missed.
        core.apply(listed("20", pod("default", "kept", "1"), pod("default", "changed", "15"),
                pod("default", "new", "18")));

        assertThat(recorder.seen).containsExactlyInAnyOrder(
                "delete default/gone@3", "update default/changed@11->15", "add default/new@18");
        assertThat(keysInCache()).containsExactly("default/changed", "default/kept", "default/new");
        assertThat(core.resourceVersion()).isEqualTo("20");
    }

    @Test
    void anEmptyRelistDeletesEverythingWithItsLastState() {
        core.apply(listed("10", pod("default", "a", "5")));
        core.apply(changed(WatchEvent.modified(pod("default", "a", "7"))));
        recorder.seen.clear();

        core.apply(listed("30"));

        assertThat(recorder.seen).containsExactly("delete default/a@7");
        assertThat(core.store().list()).isEmpty();
    }

    @Test
    void bookmarksOnlyMoveTheVersion() {
        core.apply(listed("10", pod("default", "a", "5")));
        recorder.seen.clear();

        core.apply(changed(new WatchEvent<>(WatchEvent.Type.BOOKMARK, pod(null, null, "40"))));

        assertThat(recorder.seen).isEmpty();
        assertThat(keysInCache()).containsExactly("default/a");
        assertThat(core.resourceVersion()).isEqualTo("40");
    }

    @Test
    void resyncReNotifiesEveryObjectAsAnUpdateToItself() {
        core.apply(listed("10", pod("default", "a", "5"), pod("default", "b", "6")));
        recorder.seen.clear();

        core.resync();

        assertThat(recorder.seen).containsExactlyInAnyOrder("update default/a@5->5", "update default/b@6->6");
    }

    @Test
    void aLateHandlerFirstHearsOfEverythingCached() {
        core.apply(listed("10", pod("default", "a", "5")));
        Recorder late = new Recorder();

        core.addHandler(late);
        core.apply(changed(WatchEvent.added(pod("default", "b", "11"))));

        assertThat(late.seen).containsExactly("add default/a@5", "add default/b@11");
    }

    @Test
    void aFailingHandlerDoesNotStopTheOthers() {
        InformerCore<Pod> withBadHandler = new InformerCore<Pod>("pods", new IndexedStore<Pod>("pods"));
        Recorder good = new Recorder();
        withBadHandler.addHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod obj) {
                throw new IllegalStateException("boom");
            }
        });
        withBadHandler.addHandler(good);

        withBadHandler.apply(listed("1", pod("default", "a", "1")));
        withBadHandler.apply(changed(WatchEvent.added(pod("default", "b", "2"))));

        assertThat(good.seen).containsExactly("add default/a@1", "add default/b@2");
        assertThat(withBadHandler.store().keys()).hasSize(2);
    }
}
