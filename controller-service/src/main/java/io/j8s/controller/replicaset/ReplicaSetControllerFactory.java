package io.j8s.controller.replicaset;

import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.expectations.Expectations;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import org.springframework.stereotype.Component;

/** Wires the ReplicaSet controller into each leadership term: informer handlers, expectations, workers. */
@Component
class ReplicaSetControllerFactory implements ControllerFactory {

    static final String NAME = "replicaset-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext ctx) {
        SharedInformer<ReplicaSet> replicaSets = ctx.informers().replicaSets();
        SharedInformer<Pod> pods = ctx.informers().pods();
        Expectations expectations = new Expectations(Expectations.DEFAULT_TTL, ctx.clock());
        PodDeletionExpectations deletions = new PodDeletionExpectations(expectations);
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(ctx.client(), replicaSets.cache(), pods.cache(),
            expectations, deletions, ctx.recorder(NAME), ctx.clock());
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(ctx.properties().workers())
            .watches(replicaSets, pods)
            .build();
        replicaSets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                controller.queue().add(Cache.keyOf(rs));
            }

            @Override
            public void onUpdate(ReplicaSet old, ReplicaSet cur) {
                controller.queue().add(Cache.keyOf(cur));
            }

            @Override
            public void onDelete(ReplicaSet rs) {
                deletions.forget(Cache.keyOf(rs));
                controller.queue().add(Cache.keyOf(rs));
            }
        });
        pods.addEventHandler(new PodEventHandler(replicaSets.cache(), expectations, deletions, controller.queue()));
        return ManagedController.of(controller);
    }
}
