package io.j8s.common.informer;

import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.meta.OwnerReference;
import java.util.List;
import java.util.Map;

/** Small pods for informer tests. */
final class TestPods {

    private TestPods() {
    }

    static Pod pod(String namespace, String name, String rv) {
        return Pod.of(ObjectMeta.of(namespace, name).withResourceVersion(rv), PodSpec.of(List.of()));
    }

    static Pod onNode(Pod pod, String node) {
        return pod.withSpec(pod.spec().withNodeName(node));
    }

    static Pod labelled(Pod pod, Map<String, String> labels) {
        return pod.withMetadata(pod.metadata().withLabels(labels));
    }

    static Pod ownedBy(Pod pod, String... uids) {
        return pod.withMetadata(pod.metadata().withOwnerReferences(List.of(uids).stream()
                .map(uid -> new OwnerReference("apps/v1", "ReplicaSet", "rs-" + uid, uid, true, true, null))
                .toList()));
    }
}
