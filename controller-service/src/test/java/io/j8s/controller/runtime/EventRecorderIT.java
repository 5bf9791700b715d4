package io.j8s.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.meta.KubeList;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.events.EventRecorder;
import io.j8s.testsupport.ApiServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events as Kubernetes' recorder writes them: about an object, from a component, repeats counted. */
class EventRecorderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ApiClient client = new ApiClient(ApiServerProcess.shared().url());

    @Test
    void repeatedEventsAreCountedOnOneEvent() throws InterruptedException {
        String name = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        Pod pod = client.create(Resources.PODS, Pod.of(ObjectMeta.of("default", name),
            PodSpec.of(List.of(Container.of("c", "busybox"))))).block(TIMEOUT);
        EventRecorder recorder = new EventRecorder(client, "test-controller", "test-host");

        recorder.normal(pod, "Tested", "Checked pod %s", name);
        recorder.normal(pod, "Tested", "Checked pod %s", name);
        recorder.warning(pod, "Broken", "Pod %s broke", name);

        List<Event> events = List.of();
        for (int i = 0; i < 100; i++) {
            events = about(name);
            if (events.size() == 2 && events.stream().anyMatch(e -> e.count() != null && e.count() == 2)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(events).hasSize(2);
        Event tested = events.stream().filter(e -> "Tested".equals(e.reason())).findFirst().orElseThrow();
        assertThat(tested.count()).isEqualTo(2);
        assertThat(tested.type()).isEqualTo("Normal");
        assertThat(tested.message()).isEqualTo("Checked pod " + name);
        assertThat(tested.involvedObject().uid()).isEqualTo(pod.metadata().uid());
        assertThat(tested.involvedObject().kind()).isEqualTo("Pod");
        assertThat(tested.source().component()).isEqualTo("test-controller");
        Event broken = events.stream().filter(e -> "Broken".equals(e.reason())).findFirst().orElseThrow();
        assertThat(broken.type()).isEqualTo("Warning");
    }

    private List<Event> about(String name) {
        KubeList<Event> list = client.list(Resources.EVENTS, "default",
            ListOptions.fieldSelector("involvedObject.name=" + name)).block(TIMEOUT);
        return list.items();
    }
}
