package io.j8s.scheduler;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.json.Json;
import java.time.Instant;

/** Pods and nodes for the scheduler's unit tests, written as the JSON a user would send. */
public final class TestObjects {

    private TestObjects() {
    }

    /** A pending pod in {@code ns} asking for {@code cpu} (e.g. "500m"), with priority and creation time. */
    public static Pod pod(String ns, String name, String cpu, int priority, Instant created) {
        return Json.read("""
            {"metadata":{"name":"%s","namespace":"%s","uid":"uid-%s","resourceVersion":"1",
                         "creationTimestamp":"%s","labels":{"app":"%s"}},
             "spec":{"priority":%d,"schedulerName":"default-scheduler",
                     "containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"%s"}}}]},
             "status":{"phase":"Pending"}}
            """.formatted(name, ns, name, created.toString(), name, priority, cpu), Pod.class);
    }

    public static Pod pod(String name, String cpu) {
        return pod("default", name, cpu, 0, Instant.parse("2024-01-01T00:00:00Z"));
    }

    /** The pod bound to {@code node}, as the informer shows it after the binding. */
    public static Pod bound(Pod pod, String node) {
        return pod.withSpec(pod.spec().withNodeName(node));
    }

    public static Pod withPhase(Pod pod, String phase) {
        return pod.withStatus(pod.status().withPhase(phase));
    }

    /** A Ready node offering {@code cpu} and {@code pods}. */
    public static Node node(String name, String cpu, int pods) {
        return Json.read("""
            {"metadata":{"name":"%s","resourceVersion":"1","labels":{"kubernetes.io/hostname":"%s"}},
             "status":{"allocatable":{"cpu":"%s","memory":"8Gi","pods":"%d"},
                       "conditions":[{"type":"Ready","status":"True"}]}}
            """.formatted(name, name, cpu, pods), Node.class);
    }
}
