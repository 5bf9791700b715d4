package io.j8s.apiserver.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.j8s.apiserver.ApiServerTestBase;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentSpec;
import io.j8s.common.api.apps.DeploymentStatus;
import io.j8s.common.api.apps.Scale;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.PodTemplateSpec;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.LabelSelector;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.WatchEvent;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiException;
import io.j8s.common.client.ListOptions;
import io.j8s.common.client.ListWatchEvent;
import io.j8s.common.client.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The reactive {@link ApiClient} of {@code common} against the real API server over a real etcd: typed CRUD,
 * errors as {@link ApiException}s, lists and pages, binding, scale, watches and list-and-watch.
 */
class ApiClientIT extends ApiServerTestBase {

    /** No blocking call of these tests waits longer than this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ApiClient api;

    @BeforeEach
    void newClient() {
        api = new ApiClient("http://127.0.0.1:" + port);
    }

    // ---- 1. typed CRUD

    @Test
    void podCrudRoundTripsTypedObjectsAndKeepsUnknownFields() {
        String ns = newNamespace();
        ObjectMeta meta = new ObjectMeta("web", null, ns, null, null, null, null, null, null,
            Map.of("app", "web"), Map.of("note", "first"), null, null, Map.of("futureMeta", "m"));
        Container container = new Container("app", "busybox:1.36", null, null, null, null, null, null, null, null,
            null, null, null, Map.of("futureContainer", true));
        PodSpec spec = new PodSpec(List.of(container), null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, Map.of("futureSpec", Map.of("a", List.of(1, 2))));
        Pod pod = new Pod(null, null, meta, spec, null, Map.of("futureTop", "top"));

        Pod created = block(api.create(Resources.PODS, pod));
        assertThat(created.metadata().uid()).isNotBlank();
        assertThat(created.metadata().resourceVersion()).isNotBlank();
        assertThat(created.metadata().creationTimestamp()).isNotBlank();
        assertThat(created.metadata().namespace()).isEqualTo(ns);
        assertThat(created.status().phase()).isEqualTo(PodStatus.PENDING);
        assertUnknownFieldsKept(created);

        Pod read = block(api.get(Resources.PODS, ns, "web"));
        assertThat(read.metadata().uid()).isEqualTo(created.metadata().uid());
        assertThat(read.metadata().resourceVersion()).isEqualTo(created.metadata().resourceVersion());
        assertThat(read.spec().containers()).extracting(Container::image).containsExactly("busybox:1.36");
        assertUnknownFieldsKept(read);

        // PUT: a changed annotation and image (both mutable on a pod); status sent here is ignored.
        Pod changed = read
            .withMetadata(read.metadata().withAnnotations(Map.of("note", "second")))
            .withSpec(read.spec().withContainers(List.of(read.spec().containers().get(0).withImage("busybox:1.37"))))
            .withStatus(read.status().withPhase(PodStatus.RUNNING));
        Pod updated = block(api.update(Resources.PODS, changed));
        assertThat(updated.metadata().uid()).isEqualTo(created.metadata().uid());
        assertThat(Long.parseLong(updated.metadata().resourceVersion()))
            .isGreaterThan(Long.parseLong(read.metadata().resourceVersion()));
        assertThat(updated.metadata().annotations()).containsEntry("note", "second");
        assertThat(updated.spec().containers().get(0).image()).isEqualTo("busybox:1.37");
        assertThat(updated.status().phase()).isEqualTo(PodStatus.PENDING);
        assertUnknownFieldsKept(updated);

        // PUT /status: the status changes, a label sent along does not.
        Pod statusChange = updated
            .withMetadata(updated.metadata().withLabels(Map.of("app", "ignored")))
            .withStatus(updated.status().withPhase(PodStatus.RUNNING).withMessage("up"));
        Pod statusUpdated = block(api.updateStatus(Resources.PODS, statusChange));
        assertThat(statusUpdated.status().phase()).isEqualTo(PodStatus.RUNNING);
        assertThat(statusUpdated.status().message()).isEqualTo("up");
        assertThat(statusUpdated.metadata().labels()).containsEntry("app", "web");
        assertThat(Long.parseLong(statusUpdated.metadata().resourceVersion()))
            .isGreaterThan(Long.parseLong(updated.metadata().resourceVersion()));
        assertUnknownFieldsKept(statusUpdated);

        // Merge patch: null removes, a value adds.
        Pod merged = block(api.patch(Resources.PODS, ns, "web", PatchType.MERGE,
            "{\"metadata\":{\"labels\":{\"app\":null,\"tier\":\"front\"}}}"));
        assertThat(merged.metadata().labels()).containsExactly(Map.entry("tier", "front"));
        assertUnknownFieldsKept(merged);

        // JSON patch: operations on paths.
        Pod jsonPatched = block(api.patch(Resources.PODS, ns, "web", PatchType.JSON,
            "[{\"op\":\"add\",\"path\":\"/metadata/annotations/added\",\"value\":\"yes\"},"
                + "{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"busybox:1.38\"}]"));
        assertThat(jsonPatched.metadata().annotations()).containsEntry("added", "yes").containsEntry("note", "second");
        assertThat(jsonPatched.spec().containers().get(0).image()).isEqualTo("busybox:1.38");
        assertThat(jsonPatched.status().phase()).isEqualTo(PodStatus.RUNNING);

        Pod reread = block(api.get(Resources.PODS, ns, "web"));
        assertThat(reread).isEqualTo(jsonPatched);

        // An unbound pod goes at once.
        block(api.delete(Resources.PODS, ns, "web", null));
        ApiException gone = expectApiException(api.get(Resources.PODS, ns, "web"));
        assertThat(gone.isNotFound()).isTrue();
    }

    @Test
    void deploymentCrudStatusAndPatches() {
        String ns = newNamespace();
        Deployment created = block(api.create(Resources.DEPLOYMENTS, deployment(ns, "web", 2)));
        assertThat(created.apiVersion()).isEqualTo("apps/v1");
        assertThat(created.kind()).isEqualTo("Deployment");
        assertThat(created.metadata().uid()).isNotBlank();
        assertThat(created.metadata().resourceVersion()).isNotBlank();
        assertThat(created.metadata().generation()).isEqualTo(1L);
        assertThat(created.spec().replicas()).isEqualTo(2);
        // Server-side defaults arrive in the typed object.
        assertThat(created.spec().revisionHistoryLimit()).isEqualTo(10);
        assertThat(created.spec().progressDeadlineSeconds()).isEqualTo(600);
        assertThat(created.spec().strategy().type()).isEqualTo("RollingUpdate");
        assertThat(created.extra()).containsEntry("futureDeployment", Map.of("k", "v"));

        Deployment read = block(api.get(Resources.DEPLOYMENTS, ns, "web"));
        assertThat(read).isEqualTo(created);

        Deployment updated = block(api.update(Resources.DEPLOYMENTS,
            read.withSpec(read.spec().withReplicas(3))));
        assertThat(updated.spec().replicas()).isEqualTo(3);
        assertThat(updated.metadata().generation()).isEqualTo(2L);
        assertThat(updated.metadata().uid()).isEqualTo(created.metadata().uid());
        assertThat(updated.extra()).containsEntry("futureDeployment", Map.of("k", "v"));

        DeploymentStatus status = DeploymentStatus.empty().withObservedGeneration(2L).withReplicas(3)
            .withUpdatedReplicas(3).withReadyReplicas(1);
        Deployment withStatus = block(api.updateStatus(Resources.DEPLOYMENTS,
            updated.withStatus(status).withSpec(updated.spec().withReplicas(9))));
        assertThat(withStatus.status().observedGeneration()).isEqualTo(2L);
        assertThat(withStatus.status().replicas()).isEqualTo(3);
        assertThat(withStatus.status().readyReplicas()).isEqualTo(1);
        assertThat(withStatus.spec().replicas()).isEqualTo(3);
        assertThat(withStatus.metadata().generation()).isEqualTo(2L);

        Deployment merged = block(api.patch(Resources.DEPLOYMENTS, ns, "web", PatchType.MERGE,
            "{\"spec\":{\"replicas\":5,\"paused\":true}}"));
        assertThat(merged.spec().replicas()).isEqualTo(5);
        assertThat(merged.spec().paused()).isTrue();
        assertThat(merged.metadata().generation()).isEqualTo(3L);
        assertThat(merged.status().readyReplicas()).isEqualTo(1);

        Deployment jsonPatched = block(api.patch(Resources.DEPLOYMENTS, ns, "web", PatchType.JSON,
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":5},"
                + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"busybox:1.37\"}]"));
        assertThat(jsonPatched.spec().template().spec().containers().get(0).image()).isEqualTo("busybox:1.37");
        assertThat(jsonPatched.metadata().generation()).isEqualTo(4L);

        block(api.delete(Resources.DEPLOYMENTS, ns, "web", null));
        assertThat(expectApiException(api.get(Resources.DEPLOYMENTS, ns, "web")).isNotFound()).isTrue();
    }

    // ---- 2. errors

    @Test
    void failuresArriveAsApiExceptionsWithKubernetesReasons() {
        String ns = newNamespace();

        ApiException missing = expectApiException(api.get(Resources.PODS, ns, "nope"));
        assertThat(missing.isNotFound()).isTrue();
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.reason()).isEqualTo("NotFound");
        assertThat(missing.isConflict()).isFalse();

        Pod created = block(api.create(Resources.PODS, pod(ns, "twice", Map.of("app", "web"))));
        ApiException again = expectApiException(api.create(Resources.PODS, pod(ns, "twice", Map.of("app", "web"))));
        assertThat(again.isAlreadyExists()).isTrue();
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.isConflict()).isFalse();

        // Someone else writes first: the update carrying the old resourceVersion is refused.
        block(api.patch(Resources.PODS, ns, "twice", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"other\":\"writer\"}}}"));
        ApiException stale = expectApiException(api.update(Resources.PODS,
            created.withMetadata(created.metadata().withAnnotations(Map.of("mine", "lost")))));
        assertThat(stale.isConflict()).isTrue();
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.isAlreadyExists()).isFalse();
        assertThat(block(api.get(Resources.PODS, ns, "twice")).metadata().annotations()).isNull();

        ApiException invalid = expectApiException(api.create(Resources.PODS,
            Pod.of(ObjectMeta.of(ns, "empty"), PodSpec.of(List.of()))));
        assertThat(invalid.isInvalid()).isTrue();
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.status().details()).isNotNull();
        assertThat(invalid.status().details().causes()).extracting(c -> c.field()).contains("spec.containers");
        assertThat(expectApiException(api.get(Resources.PODS, ns, "empty")).isNotFound()).isTrue();

        ApiException missingDelete = expectApiException(api.delete(Resources.PODS, ns, "nope", null));
        assertThat(missingDelete.isNotFound()).isTrue();
    }

    // ---- 3. lists

    @Test
    void listFiltersByLabelAndFieldSelectors() {
        String ns = newNamespace();
        block(api.create(Resources.PODS, pod(ns, "front-1", Map.of("app", "web", "tier", "front"))));
        block(api.create(Resources.PODS, pod(ns, "front-2", Map.of("app", "web", "tier", "front"))));
        block(api.create(Resources.PODS, pod(ns, "back-1", Map.of("app", "web", "tier", "back"))));
        block(api.create(Resources.PODS, pod(ns, "db-1", Map.of("app", "db"))));

        KubeList<Pod> all = block(api.list(Resources.PODS, ns, ListOptions.NONE));
        assertThat(names(all)).containsExactly("back-1", "db-1", "front-1", "front-2");
        assertThat(all.kind()).isEqualTo("PodList");
        assertThat(all.resourceVersion()).isNotBlank();

        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.labelSelector("tier=front")))))
            .containsExactly("front-1", "front-2");
        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.labelSelector("app=web,tier!=front")))))
            .containsExactly("back-1");
        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.labelSelector("tier in (front, back)")))))
            .containsExactly("back-1", "front-1", "front-2");
        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.labelSelector("!tier")))))
            .containsExactly("db-1");
        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.fieldSelector("metadata.name=front-2")))))
            .containsExactly("front-2");
        assertThat(names(block(api.list(Resources.PODS, ns,
            ListOptions.fieldSelector("metadata.name!=front-2").withLabelSelector("app=web")))))
            .containsExactly("back-1", "front-1");
        assertThat(names(block(api.list(Resources.PODS, ns, ListOptions.labelSelector("app=none"))))).isEmpty();
    }

    @Test
    void listAllFollowsContinueTokensThroughEveryPage() {
        String ns = newNamespace();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "pod-" + i;
            block(api.create(Resources.PODS, pod(ns, name, Map.of("app", "web"))));
            expected.add(name);
        }
        // Another namespace's pods are not part of this namespace's pages.
        String other = newNamespace();
        block(api.create(Resources.PODS, pod(other, "pod-x", Map.of("app", "web"))));

        KubeList<Pod> firstPage = block(api.list(Resources.PODS, ns, ListOptions.NONE.withLimit(3L)));
        assertThat(names(firstPage)).containsExactly("pod-0", "pod-1", "pod-2");
        assertThat(firstPage.metadata().continueToken()).isNotBlank();

        KubeList<Pod> all = block(api.listAll(Resources.PODS, ns, ListOptions.NONE.withLimit(3L)));
        assertThat(names(all)).containsExactlyElementsOf(expected);
        assertThat(all.resourceVersion()).isNotBlank();
        assertThat(all.metadata().continueToken()).isNull();

        // Pages with a selector: the filter applies across pages.
        KubeList<Pod> some = block(api.listAll(Resources.PODS, ns,
            ListOptions.fieldSelector("metadata.name!=pod-3").withLimit(2L)));
        assertThat(names(some)).containsExactly("pod-0", "pod-1", "pod-2", "pod-4", "pod-5", "pod-6");
    }

    // ---- 4. binding

    @Test
    void bindSetsTheNodeOnceAndBindingAgainConflicts() {
        String ns = newNamespace();
        block(api.create(Resources.PODS, pod(ns, "b", Map.of("app", "web"))));

        block(api.bind(ns, "b", "node-1"));
        Pod bound = block(api.get(Resources.PODS, ns, "b"));
        assertThat(bound.spec().nodeName()).isEqualTo("node-1");
        assertThat(bound.status().conditions()).anySatisfy(c -> {
            assertThat(c.type()).isEqualTo("PodScheduled");
            assertThat(c.status()).isEqualTo("True");
        });

        ApiException again = expectApiException(api.bind(ns, "b", "node-2"));
        assertThat(again.isConflict()).isTrue();
        assertThat(again.code()).isEqualTo(409);
        assertThat(block(api.get(Resources.PODS, ns, "b")).spec().nodeName()).isEqualTo("node-1");

        assertThat(expectApiException(api.bind(ns, "missing", "node-1")).isNotFound()).isTrue();
    }

    // ---- 5. scale

    @Test
    void scaleSubresourceReadsAndChangesReplicas() {
        String ns = newNamespace();
        block(api.create(Resources.DEPLOYMENTS, deployment(ns, "web", 2)));

        Scale scale = block(api.getScale(Resources.DEPLOYMENTS, ns, "web"));
        assertThat(scale.apiVersion()).isEqualTo("autoscaling/v1");
        assertThat(scale.kind()).isEqualTo("Scale");
        assertThat(scale.metadata().name()).isEqualTo("web");
        assertThat(scale.metadata().resourceVersion()).isNotBlank();
        assertThat(scale.spec().replicas()).isEqualTo(2);
        assertThat(scale.status().selector()).isEqualTo("app=web");

        Scale scaled = block(api.updateScale(Resources.DEPLOYMENTS, ns, "web", scale.withSpecReplicas(5)));
        assertThat(scaled.spec().replicas()).isEqualTo(5);
        Deployment after = block(api.get(Resources.DEPLOYMENTS, ns, "web"));
        assertThat(after.spec().replicas()).isEqualTo(5);
        assertThat(after.metadata().generation()).isEqualTo(2L);
        assertThat(block(api.getScale(Resources.DEPLOYMENTS, ns, "web")).spec().replicas()).isEqualTo(5);

        // The first Scale's resourceVersion is stale now.
        ApiException stale = expectApiException(api.updateScale(Resources.DEPLOYMENTS, ns, "web", scale.withSpecReplicas(1)));
        assertThat(stale.isConflict()).isTrue();
        ApiException negative = expectApiException(api.updateScale(Resources.DEPLOYMENTS, ns, "web", scaled.withSpecReplicas(-1)));
        assertThat(negative.isInvalid()).isTrue();
        assertThat(block(api.get(Resources.DEPLOYMENTS, ns, "web")).spec().replicas()).isEqualTo(5);
    }

    // ---- 6. watch

    @Test
    void watchFromAResourceVersionReturnsExactlyTheLaterChanges() {
        String ns = newNamespace();
        Pod a = block(api.create(Resources.PODS, pod(ns, "a", Map.of("app", "web"))));
        String from = a.metadata().resourceVersion();
        block(api.create(Resources.PODS, pod(ns, "b", Map.of("app", "web"))));
        block(api.patch(Resources.PODS, ns, "a", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}"));
        block(api.delete(Resources.PODS, ns, "b", null));

        // The server ends the stream after timeoutSeconds; the client completes then.
        List<WatchEvent<Pod>> events = api.watch(Resources.PODS, ns, ListOptions.NONE.withTimeoutSeconds(2), from)
            .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
            .collectList()
            .block(TIMEOUT);

        assertThat(events).extracting(e -> e.type() + " " + e.object().name())
            .containsExactly("ADDED b", "MODIFIED a", "DELETED b");
        assertThat(events.get(1).object().metadata().labels()).containsEntry("v", "2");
        long previous = Long.parseLong(from);
        for (WatchEvent<Pod> event : events) {
            long version = Long.parseLong(event.object().metadata().resourceVersion());
            assertThat(version).isGreaterThan(previous);
            previous = version;
        }
    }

    @Test
    void watchDeliversLiveChangesMatchingItsSelectorsAndBookmarks() throws Exception {
        String ns = newNamespace();
        String from = block(api.create(Resources.PODS, pod(ns, "before", Map.of("app", "web")))).metadata().resourceVersion();
        BlockingQueue<WatchEvent<Pod>> events = new LinkedBlockingQueue<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable watch = api.watch(Resources.PODS, ns, ListOptions.labelSelector("app=web").withTimeoutSeconds(60), from)
            .subscribe(events::add, errors::add);
        try {
            // A bookmark (every second in these tests) shows the stream is open before the writes.
            WatchEvent<Pod> bookmark = poll(events);
            assertThat(bookmark.type()).isEqualTo(WatchEvent.Type.BOOKMARK);
            assertThat(bookmark.object().kind()).isEqualTo("Pod");
            assertThat(Long.parseLong(bookmark.object().metadata().resourceVersion())).isGreaterThanOrEqualTo(Long.parseLong(from));

            block(api.create(Resources.PODS, pod(ns, "other", Map.of("app", "db"))));
            block(api.create(Resources.PODS, pod(ns, "live", Map.of("app", "web"))));
            block(api.patch(Resources.PODS, ns, "live", PatchType.MERGE, "{\"metadata\":{\"annotations\":{\"x\":\"1\"}}}"));
            block(api.delete(Resources.PODS, ns, "live", null));

            List<String> seen = new ArrayList<>();
            while (seen.size() < 3) {
                WatchEvent<Pod> event = poll(events);
                if (event.type() != WatchEvent.Type.BOOKMARK) {
                    seen.add(event.type() + " " + event.object().name());
                }
            }
            assertThat(seen).containsExactly("ADDED live", "MODIFIED live", "DELETED live");
            assertThat(errors).isEmpty();
        } finally {
            watch.dispose();
        }
    }

    @Test
    void aWatchWithTakeAndTimeoutDoesNotHang() {
        String ns = newNamespace();
        block(api.create(Resources.PODS, pod(ns, "x", Map.of("app", "web"))));
        block(api.create(Resources.PODS, pod(ns, "y", Map.of("app", "web"))));
        // Without a resourceVersion a watch starts with the current objects as ADDED events.
        List<WatchEvent<Pod>> events = api.watch(Resources.PODS, ns, ListOptions.NONE, null)
            .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
            .take(2)
            .timeout(TIMEOUT)
            .collectList()
            .block(TIMEOUT);
        assertThat(events).extracting(e -> e.type() + " " + e.object().name()).containsExactly("ADDED x", "ADDED y");
    }

    // ---- 7. list and watch, and expiry

    @Test
    void listAndWatchListsFirstThenEmitsTheChanges() throws Exception {
        String ns = newNamespace();
        block(api.create(Resources.PODS, pod(ns, "a", Map.of("app", "web"))));
        block(api.create(Resources.PODS, pod(ns, "b", Map.of("app", "web"))));
        block(api.create(Resources.PODS, pod(ns, "c", Map.of("app", "db"))));

        BlockingQueue<ListWatchEvent<Pod>> events = new LinkedBlockingQueue<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Disposable subscription = api.listAndWatch(Resources.PODS, ns, ListOptions.labelSelector("app=web").withLimit(1L))
            .subscribe(events::add, errors::add);
        try {
            ListWatchEvent<Pod> first = poll(events);
            assertThat(first).isInstanceOf(ListWatchEvent.Listed.class);
            ListWatchEvent.Listed<Pod> listed = (ListWatchEvent.Listed<Pod>) first;
            assertThat(listed.items()).extracting(Pod::name).containsExactly("a", "b");
            assertThat(listed.resourceVersion()).isNotBlank();

            block(api.create(Resources.PODS, pod(ns, "d", Map.of("app", "web"))));
            block(api.patch(Resources.PODS, ns, "a", PatchType.MERGE, "{\"metadata\":{\"annotations\":{\"x\":\"1\"}}}"));
            block(api.create(Resources.PODS, pod(ns, "e", Map.of("app", "db"))));
            block(api.delete(Resources.PODS, ns, "b", null));

            List<String> changes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ListWatchEvent<Pod> event = poll(events);
                assertThat(event).isInstanceOf(ListWatchEvent.Changed.class);
                WatchEvent<Pod> change = ((ListWatchEvent.Changed<Pod>) event).event();
                changes.add(change.type() + " " + change.object().name());
            }
            assertThat(changes).containsExactly("ADDED d", "MODIFIED a", "DELETED b");
            // Nothing else: no relist, no duplicate, no event for the pod outside the selector.
            assertThat(events.poll(1500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(errors).isEmpty();
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aWatchFromACompactedResourceVersionFailsAsExpired() throws Exception {
        String ns = newNamespace();
        String old = block(api.create(Resources.PODS, pod(ns, "old", Map.of("app", "web")))).metadata().resourceVersion();
        String newer = block(api.create(Resources.PODS, pod(ns, "new", Map.of("app", "web")))).metadata().resourceVersion();
        etcd().etcdctl("compact", newer);

        // Revision 1 is older than anything the API server's watch cache holds, so etcd answers: compacted.
        assertThat(Long.parseLong(old)).isGreaterThan(1);
        Throwable failure = api.watch(Resources.PODS, ns, ListOptions.NONE.withTimeoutSeconds(10), "1")
            .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
            .then(Mono.<Throwable>empty())
            .onErrorResume(Mono::just)
            .block(TIMEOUT);

        assertThat(failure).isInstanceOf(ApiException.class);
        ApiException expired = (ApiException) failure;
        assertThat(expired.isExpired()).isTrue();
        assertThat(expired.code()).isEqualTo(410);
        assertThat(expired.reason()).isEqualTo("Expired");
        assertThat(expired.isNotFound()).isFalse();

        // A list is still served, and a watch from its resourceVersion works.
        KubeList<Pod> list = block(api.list(Resources.PODS, ns, ListOptions.NONE));
        assertThat(names(list)).containsExactly("new", "old");
        List<WatchEvent<Pod>> fresh = api.watch(Resources.PODS, ns, ListOptions.NONE.withTimeoutSeconds(1),
                list.resourceVersion())
            .filter(e -> e.type() != WatchEvent.Type.BOOKMARK)
            .collectList().block(TIMEOUT);
        assertThat(fresh).isEmpty();
    }

    // ---- helpers

    private static Pod pod(String ns, String name, Map<String, String> labels) {
        return Pod.of(ObjectMeta.of(ns, name).withLabels(labels),
            PodSpec.of(List.of(Container.of("app", "busybox:1.36"))));
    }

    private static Deployment deployment(String ns, String name, int replicas) {
        Map<String, String> labels = Map.of("app", "web");
        DeploymentSpec spec = DeploymentSpec.of(replicas, LabelSelector.matching(labels),
            PodTemplateSpec.of(ObjectMeta.of(null, null).withLabels(labels),
                PodSpec.of(List.of(Container.of("web", "busybox:1.36")))));
        return new Deployment(null, null, ObjectMeta.of(ns, name), spec, null,
            Map.of("futureDeployment", Map.of("k", "v")));
    }

    private static void assertUnknownFieldsKept(Pod pod) {
        assertThat(pod.extra()).containsEntry("futureTop", "top");
        assertThat(pod.metadata().extra()).containsEntry("futureMeta", "m");
        assertThat(pod.spec().extra()).containsEntry("futureSpec", Map.of("a", List.of(1, 2)));
        assertThat(pod.spec().containers().get(0).extra()).containsEntry("futureContainer", true);
    }

    private static List<String> names(KubeList<Pod> list) {
        return list.items().stream().map(Pod::name).toList();
    }

    private static <T> T block(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    private static ApiException expectApiException(Mono<?> mono) {
        ApiException error = catchThrowableOfType(ApiException.class, () -> mono.block(TIMEOUT));
        assertThat(error).as("an ApiException").isNotNull();
        return error;
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T next = queue.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(next).as("an event within " + TIMEOUT).isNotNull();
        return next;
    }
}
