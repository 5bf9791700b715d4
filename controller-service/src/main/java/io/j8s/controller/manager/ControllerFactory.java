package io.j8s.controller.manager;

/**
 * Builds a control loop for a leadership term. Each loop registers its informer handlers while it is being
 * created, before the informers start, so it sees every object from the first list on.
 */
public interface ControllerFactory {

    /** The loop's name in logs and events, as Kubernetes names it (e.g. {@code replicaset-controller}). */
    String name();

    ManagedController create(ControllerContext context);
}
