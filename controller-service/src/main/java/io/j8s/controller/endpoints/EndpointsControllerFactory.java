package io.j8s.controller.endpoints;

import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.common.workqueue.WorkQueue;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import io.j8s.controller.support.PodServiceMembership;
import org.springframework.stereotype.Component;

/**
 * The endpoints controller: keeps, for every Service with a selector, an Endpoints object of the same name
 * listing the ready and not-ready addresses of the pods it selects. Services, pods and deleted Endpoints
 * enqueue the Service's key; {@link EndpointsReconciler} does the rest.
 */
@Component
class EndpointsControllerFactory implements ControllerFactory {

    static final String NAME = "endpoint-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext context) {
        SharedInformer<Service> services = context.informers().services();
        SharedInformer<Pod> pods = context.informers().pods();
        SharedInformer<Endpoints> endpoints = context.informers().endpoints();
        EndpointsReconciler reconciler = new EndpointsReconciler(context.client(), services.cache(), pods.cache(),
            endpoints.cache(), context.recorder(NAME));
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(context.properties().workers())
            .watches(services, pods, endpoints)
            .build();
        WorkQueue<String> queue = controller.queue();
        services.addEventHandler(ResourceEventHandler.enqueueingKeys(queue::add));
        pods.addEventHandler(new PodServiceMembership(services.cache(), queue::add));
        endpoints.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Endpoints deleted) {
                queue.add(Cache.keyOf(deleted)); // recreated if its Service still wants it
            }
        });
        return new ManagedController() {
            @Override
            public void start() {
                controller.start();
                // Endpoints left behind by Services deleted while no controller ran are found once per term.
                endpoints.cache().keys().forEach(queue::add);
            }

            @Override
            public void stop() {
                controller.stop();
            }
        };
    }
}
