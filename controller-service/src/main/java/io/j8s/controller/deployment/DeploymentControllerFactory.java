package io.j8s.controller.deployment;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Pod;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import org.springframework.stereotype.Component;

/** Wires the Deployment controller into each leadership term. */
@Component
class DeploymentControllerFactory implements ControllerFactory {

    static final String NAME = "deployment-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext ctx) {
        SharedInformer<Deployment> deployments = ctx.informers().deployments();
        SharedInformer<ReplicaSet> replicaSets = ctx.informers().replicaSets();
        SharedInformer<Pod> pods = ctx.informers().pods();
        DeploymentReconciler reconciler = new DeploymentReconciler(ctx.client(), deployments.cache(),
            replicaSets.cache(), pods.cache(), ctx.recorder(NAME), ctx.clock());
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(ctx.properties().workers())
            .watches(deployments, replicaSets, pods)
            .build();
        DeploymentEventHandlers handlers = new DeploymentEventHandlers(deployments.cache(), replicaSets.cache(),
            controller.queue());
        deployments.addEventHandler(handlers.forDeployments());
        replicaSets.addEventHandler(handlers.forReplicaSets());
        pods.addEventHandler(handlers.forPods());
        return ManagedController.of(controller);
    }
}
