package io.j8s.common.api.meta;

/**
 * What Pod, Node, Deployment and ReplicaSet conditions have in common, so {@link Conditions} can
 * find and set them the same way for every kind.
 */
public interface Condition<C extends Condition<C>> {

    String TRUE = "True";
    String FALSE = "False";
    String UNKNOWN = "Unknown";

    String type();

    String status();

    String reason();

    String message();

    String lastTransitionTime();

    C withLastTransitionTime(String time);
}
