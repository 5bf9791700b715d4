package io.j8s.controller.manager;

import io.j8s.common.reconcile.Controller;

/**
 * One control loop of the controller manager, alive for one leadership term: created when this replica
 * becomes leader, started once the informers it reads have synced, stopped the moment leadership is lost.
 */
public interface ManagedController {

    void start();

    void stop();

    /** The usual loop: one work-queue {@link Controller}, started and stopped with the term. */
    static ManagedController of(Controller controller) {
        return new ManagedController() {
            @Override
            public void start() {
                controller.start();
            }

            @Override
            public void stop() {
                controller.stop();
            }
        };
    }
}
