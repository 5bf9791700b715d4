package io.j8s.controller.manager;

/**
 * One control loop of the controller manager, alive for one leadership term: created when this replica
 * becomes leader, started once the informers it reads have synced, stopped the moment leadership is lost.
 */
public interface ManagedController {

    void start();

    void stop();
}
