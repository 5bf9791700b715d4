package io.j8s.controller.deployment;

import io.j8s.common.api.IntOrString;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.DeploymentStrategy;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.apps.ReplicaSetStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The replica arithmetic of rollouts (Kubernetes' deployment_util.go): surge and unavailability budgets, how
 * far the new ReplicaSet may grow, and how a scaling event is shared out among ReplicaSets.
 */
final class Replicas {

    static final String DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";

    private Replicas() {
    }

    /** maxSurge and maxUnavailable against {@code desired}: surge rounds up, unavailable down, never both 0. */
    record Fenceposts(int surge, int unavailable) {
    }

    static Fenceposts resolveFenceposts(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = (maxSurge == null ? IntOrString.of(0) : maxSurge).scaledValue(desired, true);
        int unavailable = (maxUnavailable == null ? IntOrString.of(0) : maxUnavailable).scaledValue(desired, false);
        if (surge == 0 && unavailable == 0) {
            // Validation forbids both being 0; 25% of a tiny deployment can still round down to it.
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    static int maxSurge(Deployment d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        DeploymentStrategy.RollingUpdate ru = rollingUpdate(d);
        return resolveFenceposts(ru.maxSurge(), ru.maxUnavailable(), replicas(d)).surge();
    }

    static int maxUnavailable(Deployment d) {
        if (!isRollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        DeploymentStrategy.RollingUpdate ru = rollingUpdate(d);
        return Math.min(resolveFenceposts(ru.maxSurge(), ru.maxUnavailable(), replicas(d)).unavailable(), replicas(d));
    }

    /**
     * The size the new ReplicaSet may grow to now (NewRSNewReplicas): for RollingUpdate as far as the surge
     * allows, for Recreate all the way.
     *
     * <p>One deliberate difference from Kubernetes: an old ReplicaSet counts with the larger of its spec and its
     * observed replicas, so pods whose deletion its controller has not yet reported still use up the surge. The
     * new ReplicaSet then never creates pods while old ones it replaces are still on their way out.
     */
    static int newReplicaSetReplicas(Deployment d, List<ReplicaSet> allRSs, ReplicaSet newRS) {
        if (!isRollingUpdate(d)) {
            return replicas(d);
        }
        int maxTotal = replicas(d) + maxSurge(d);
        int current = 0;
        for (ReplicaSet rs : allRSs) {
            if (rs == null) {
                continue;
            }
            current += sameReplicaSet(rs, newRS) ? replicas(rs) : Math.max(replicas(rs), statusReplicas(rs));
        }
        if (current >= maxTotal) {
            return replicas(newRS);
        }
        int scaleUp = Math.min(maxTotal - current, replicas(d) - replicas(newRS));
        return replicas(newRS) + scaleUp;
    }

    /**
     * How many replicas {@code rs} gets of a scaling event of {@code toAdd} (negative: remove), of which
     * {@code added} were already handed out (GetProportion).
     */
    static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
        if (rs == null || replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** The share of the new deployment size this ReplicaSet had of the old one, as a change (getReplicaSetFraction). */
    static int fraction(ReplicaSet rs, Deployment d) {
        if (replicas(d) == 0) {
            return -replicas(rs);
        }
        int deploymentReplicas = replicas(d) + maxSurge(d);
        Integer annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
        int previous = annotated != null ? annotated
            : d.status() == null || d.status().replicas() == null ? 0 : d.status().replicas();
        if (previous == 0) {
            return 0;
        }
        double newSize = (double) replicas(rs) * deploymentReplicas / previous;
        return (int) Math.round(newSize) - replicas(rs);
    }

    static int replicas(Deployment d) {
        return d.spec() == null || d.spec().replicas() == null ? 1 : d.spec().replicas();
    }

    static int replicas(ReplicaSet rs) {
        return rs.spec() == null || rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    static int statusReplicas(ReplicaSet rs) {
        return count(rs, ReplicaSetStatus::replicas);
    }

    static int readyReplicas(ReplicaSet rs) {
        return count(rs, ReplicaSetStatus::readyReplicas);
    }

    static int availableReplicas(ReplicaSet rs) {
        return count(rs, ReplicaSetStatus::availableReplicas);
    }

    static int sum(List<ReplicaSet> replicaSets, ToIntFunction<ReplicaSet> count) {
        return replicaSets.stream().filter(Objects::nonNull).mapToInt(count).sum();
    }

    static boolean isRollingUpdate(Deployment d) {
        DeploymentStrategy strategy = d.spec().strategy();
        return strategy == null || strategy.type() == null || DeploymentStrategy.ROLLING_UPDATE.equals(strategy.type());
    }

    static boolean isRecreate(Deployment d) {
        DeploymentStrategy strategy = d.spec().strategy();
        return strategy != null && DeploymentStrategy.RECREATE.equals(strategy.type());
    }

    /** The new ReplicaSet has all the deployment's replicas, available, and knows it (IsSaturated). */
    static boolean isSaturated(Deployment d, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
        return desired != null && replicas(rs) == replicas(d) && desired == replicas(d)
            && availableReplicas(rs) == replicas(d);
    }

    static Integer intAnnotation(ReplicaSet rs, String key) {
        String value = rs.metadata().annotationsOrEmpty().get(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Older first (ReplicaSetsByCreationTimestamp). Creation times have whole seconds, so ties are common; unlike
     * Kubernetes, which then orders by name, the lower revision counts as older before the name decides.
     */
    static final Comparator<ReplicaSet> OLDEST_FIRST = Comparator
        .comparing((ReplicaSet rs) -> Objects.toString(rs.metadata().creationTimestamp(), ""))
        .thenComparingLong(Replicas::revisionOrZero)
        .thenComparing(rs -> rs.metadata().name());

    /** Larger first; equal sizes newer first (ReplicaSetsBySizeNewer). */
    static final Comparator<ReplicaSet> LARGEST_NEWEST_FIRST = Comparator
        .comparingInt((ReplicaSet rs) -> replicas(rs)).reversed()
        .thenComparing(OLDEST_FIRST.reversed());

    /** Larger first; equal sizes older first (ReplicaSetsBySizeOlder). */
    static final Comparator<ReplicaSet> LARGEST_OLDEST_FIRST = Comparator
        .comparingInt((ReplicaSet rs) -> replicas(rs)).reversed()
        .thenComparing(OLDEST_FIRST);

    private static long revisionOrZero(ReplicaSet rs) {
        try {
            return Revisions.revision(rs);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean sameReplicaSet(ReplicaSet a, ReplicaSet b) {
        return b != null && Objects.equals(a.metadata().uid(), b.metadata().uid())
            && Objects.equals(a.metadata().name(), b.metadata().name());
    }

    private static int count(ReplicaSet rs, java.util.function.Function<ReplicaSetStatus, Integer> field) {
        if (rs == null || rs.status() == null) {
            return 0;
        }
        Integer value = field.apply(rs.status());
        return value == null ? 0 : value;
    }

    private static DeploymentStrategy.RollingUpdate rollingUpdate(Deployment d) {
        DeploymentStrategy strategy = d.spec().strategy();
        DeploymentStrategy.RollingUpdate ru = strategy == null ? null : strategy.rollingUpdate();
        return ru != null ? ru : new DeploymentStrategy.RollingUpdate(IntOrString.of("25%"), IntOrString.of("25%"), null);
    }
}
