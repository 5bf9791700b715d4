package io.j8s.controller.namespace;

import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.common.workqueue.WorkQueue;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The namespace controller: a namespace is looked at when it starts terminating, and again whenever an
 * object in it that other loops watch anyway (pods, workloads, Services, Endpoints) is deleted, so an
 * emptied namespace goes without waiting for the next estimate.
 */
@Component
class NamespaceControllerFactory implements ControllerFactory {

    static final String NAME = "namespace-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext context) {
        SharedInformer<Namespace> namespaces = context.informers().namespaces();
        NamespaceReconciler reconciler = new NamespaceReconciler(context.client(), namespaces.cache(),
            context.recorder(NAME), context.clock());
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(context.properties().workers())
            .watches(namespaces)
            .build();
        WorkQueue<String> queue = controller.queue();
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                if (namespace.metadata().beingDeleted()) {
                    queue.add(namespace.name());
                }
            }

            @Override
            public void onUpdate(Namespace oldNamespace, Namespace newNamespace) {
                if (newNamespace.metadata().beingDeleted()) {
                    queue.add(newNamespace.name());
                }
            }
        });
        List<SharedInformer<?>> contents = List.of(context.informers().pods(), context.informers().replicaSets(),
            context.informers().deployments(), context.informers().services(), context.informers().endpoints());
        contents.forEach(informer -> wakeOnDelete(informer, namespaces, queue));
        return ManagedController.of(controller);
    }

    private static <T extends KubeObject<T>> void wakeOnDelete(SharedInformer<T> informer,
                                                              SharedInformer<Namespace> namespaces,
                                                              WorkQueue<String> queue) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(T object) {
                String namespace = object.namespace();
                if (namespace != null && namespaces.cache().get(null, namespace)
                    .map(ns -> ns.metadata().beingDeleted()).orElse(false)) {
                    queue.add(namespace);
                }
            }
        });
    }
}
