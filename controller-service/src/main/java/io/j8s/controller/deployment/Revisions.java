package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.meta.KubeObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollout revisions and the annotations a Deployment keeps on its ReplicaSets (deployment_util.go): each pod
 * template gets the next revision number when it becomes the new one, so going back to an older template
 * makes its ReplicaSet the newest revision again.
 */
final class Revisions {

    private static final Logger log = LoggerFactory.getLogger(Revisions.class);

    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
    /** Kubernetes' maxRevHistoryLengthInChars. */
    static final int MAX_REVISION_HISTORY_CHARS = 2000;
    /** Deployment annotations that are not copied to its ReplicaSets. */
    private static final Set<String> NOT_COPIED = Set.of(
        "kubectl.kubernetes.io/last-applied-configuration",
        REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
        Replicas.DESIRED_REPLICAS_ANNOTATION, Replicas.MAX_REPLICAS_ANNOTATION,
        "deprecated.deployment.rollback.to");

    private Revisions() {
    }

    /** The revision annotation as a number; 0 when absent. */
    static long revision(KubeObject<?> obj) {
        String value = obj.metadata().annotationsOrEmpty().get(REVISION_ANNOTATION);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The highest revision among these ReplicaSets, skipping unreadable ones (MaxRevision). */
    static long maxRevision(List<ReplicaSet> replicaSets) {
        long max = 0;
        for (ReplicaSet rs : replicaSets) {
            try {
                max = Math.max(max, revision(rs));
            } catch (NumberFormatException e) {
                log.debug("Skipping ReplicaSet {} with an unreadable revision", rs.metadata().key());
            }
        }
        return max;
    }

    /**
     * The annotations the Deployment's new ReplicaSet should have (SetNewReplicaSetAnnotations): the
     * Deployment's own (but the bookkeeping ones), the revision raised to {@code newRevision} if lower (keeping
     * the old number in the revision history), and for a ReplicaSet about to be created the replica counts.
     */
    static Map<String, String> forNewReplicaSet(Deployment d, ReplicaSet rs, long newRevision, boolean exists) {
        Map<String, String> annotations = new HashMap<>(rs.metadata().annotationsOrEmpty());
        d.metadata().annotationsOrEmpty().forEach((k, v) -> {
            if (!NOT_COPIED.contains(k)) {
                annotations.put(k, v);
            }
        });
        String oldRevision = annotations.get(REVISION_ANNOTATION);
        long oldRevisionNumber;
        try {
            oldRevisionNumber = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
        } catch (NumberFormatException e) {
            log.info("ReplicaSet {} has a revision that is not a number: {}", rs.metadata().key(), oldRevision);
            return rs.metadata().annotationsOrEmpty();
        }
        if (oldRevisionNumber < newRevision) {
            annotations.put(REVISION_ANNOTATION, Long.toString(newRevision));
            if (oldRevision != null) {
                appendToHistory(annotations, oldRevision);
            }
        }
        if (!exists) {
            annotations.putAll(replicasAnnotations(Replicas.replicas(d), Replicas.replicas(d) + Replicas.maxSurge(d)));
        }
        return annotations;
    }

    /** desired-replicas and max-replicas: what the Deployment wanted when it last sized this ReplicaSet. */
    static Map<String, String> replicasAnnotations(int desired, int max) {
        return Map.of(Replicas.DESIRED_REPLICAS_ANNOTATION, Integer.toString(desired),
            Replicas.MAX_REPLICAS_ANNOTATION, Integer.toString(max));
    }

    static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
        Map<String, String> annotations = rs.metadata().annotationsOrEmpty();
        return !Integer.toString(desired).equals(annotations.get(Replicas.DESIRED_REPLICAS_ANNOTATION))
            || !Integer.toString(max).equals(annotations.get(Replicas.MAX_REPLICAS_ANNOTATION));
    }

    private static void appendToHistory(Map<String, String> annotations, String oldRevision) {
        String history = annotations.getOrDefault(REVISION_HISTORY_ANNOTATION, "");
        if (history.isEmpty()) {
            annotations.put(REVISION_HISTORY_ANNOTATION, oldRevision);
            return;
        }
        List<String> revisions = new ArrayList<>(Arrays.asList(history.split(",")));
        int total = history.length() + oldRevision.length() + 1;
        while (total > MAX_REVISION_HISTORY_CHARS && !revisions.isEmpty()) {
            total -= revisions.remove(0).length() + 1;
        }
        if (total <= MAX_REVISION_HISTORY_CHARS) {
            revisions.add(oldRevision);
            annotations.put(REVISION_HISTORY_ANNOTATION, String.join(",", revisions));
        }
    }
}
