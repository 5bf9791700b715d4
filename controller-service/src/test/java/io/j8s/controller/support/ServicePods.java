package io.j8s.controller.support;

import io.j8s.common.api.core.Container;
import io.j8s.common.api.core.ContainerPort;
import io.j8s.common.api.core.HostPorts;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodCondition;
import io.j8s.common.api.core.PodSpec;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.core.ServicePort;
import io.j8s.common.api.core.ServiceSpec;
import io.j8s.common.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;

/** Test fixtures for the Endpoints and EndpointSlice controllers: Service {@code ns/web} and the pods it selects. */
public final class ServicePods {

    public static final Map<String, String> APP = Map.of("app", "web");

    private ServicePods() {
    }

    /** Service {@code ns/web} (uid {@code uid-web}) selecting {@code app=web}. */
    public static Service service(List<ServicePort> ports) {
        return Service.of(ObjectMeta.of("ns", "web").withUid("uid-web"), ServiceSpec.of(APP, ports));
    }

    /** A running pod on node-1 with one container port, {@code http} 8080, ready or not. */
    public static Pod pod(String name, String ip, boolean ready) {
        Container container = Container.of("app", "nginx").withPorts(List.of(ContainerPort.of("http", 8080)));
        PodSpec spec = PodSpec.of(List.of(container)).withNodeName("node-1");
        PodStatus status = PodStatus.of(PodStatus.RUNNING).withPodIP(ip)
            .withConditions(List.of(PodCondition.of(PodCondition.READY, ready ? "True" : "False", null, null)));
        ObjectMeta meta = ObjectMeta.of("ns", name).withUid("uid-" + name).withLabels(APP);
        return Pod.of(meta, spec).withStatus(status);
    }

    /** The pod as the node agent leaves it in host-port mode: {@code annotation} is the host-ports JSON. */
    public static Pod withHostPorts(Pod pod, String annotation) {
        return pod.withMetadata(pod.metadata().withAnnotations(Map.of(HostPorts.ANNOTATION, annotation)));
    }

    public static Pod withPorts(Pod pod, List<ContainerPort> ports) {
        Container container = Container.of("app", "nginx").withPorts(ports);
        return pod.withSpec(pod.spec().withContainers(List.of(container)));
    }
}
