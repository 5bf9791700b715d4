package io.j8s.nodeagent.pod;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.PodStatus;
import io.j8s.common.client.PatchType;
import io.j8s.common.json.Json;
import io.j8s.nodeagent.node.NodeClients;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes pod statuses through {@code /status}, only when they changed (the kubelet's status manager): a status equal
 * to the last one this agent wrote, or to what the API server already has, is not written again. The write is a
 * merge patch of the whole status, so it never conflicts with other writers of the pod, with reason and message
 * explicitly cleared when unset. The pod's annotations (its published host ports) go in the same patch: the node's
 * identity may write only the status of its own pods, and the pod status strategy lets annotations through; one
 * write per change rather than two.
 */
public final class PodStatusWriter {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final NodeClients clients;
    private final Map<String, PodStatus> written = new ConcurrentHashMap<>();

    public PodStatusWriter(NodeClients clients) {
        this.clients = clients;
    }

    /**
     * Writes {@code status} and sets {@code annotations} on {@code pod} in one patch, unless nothing changed;
     * returns whether it wrote.
     */
    public boolean write(Pod pod, PodStatus status, Map<String, String> annotations) {
        String uid = pod.metadata().uid();
        Map<String, String> current = pod.metadata().annotationsOrEmpty();
        boolean annotationsMissing = annotations.entrySet().stream()
            .anyMatch(e -> !Objects.equals(current.get(e.getKey()), e.getValue()));
        boolean statusSame = status.equals(written.get(uid)) || status.equals(pod.status());
        if (statusSame && !annotationsMissing) {
            written.put(uid, status);
            return false;
        }
        ObjectNode patch = Json.mapper().createObjectNode();
        if (annotationsMissing) {
            patch.putObject("metadata").set("annotations", Json.mapper().valueToTree(annotations));
        }
        if (!statusSame) {
            ObjectNode statusNode = Json.mapper().valueToTree(status);
            for (String field : new String[] {"reason", "message", "nominatedNodeName"}) {
                if (!statusNode.has(field)) {
                    statusNode.putNull(field);
                }
            }
            patch.set("status", statusNode);
        }
        clients.forNode(pod.spec().nodeName()).patchStatus(Resources.PODS, pod.metadata().namespace(),
            pod.metadata().name(), PatchType.MERGE, Json.write(patch)).block(TIMEOUT);
        written.put(uid, status);
        return true;
    }

    public void forget(String podUid) {
        written.remove(podUid);
    }
}
