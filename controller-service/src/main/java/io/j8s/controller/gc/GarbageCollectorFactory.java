package io.j8s.controller.gc;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.api.meta.OwnerReference;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.common.workqueue.WorkQueue;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The garbage collector: watches every kind that has owners or dependents in j8s and enqueues an object
 * when its ownerReferences or its deletion state change, and its dependents and owners when it goes.
 */
@Component
class GarbageCollectorFactory implements ControllerFactory {

    static final String NAME = "garbage-collector-controller";

    /** The kinds whose objects own others or are owned: workloads, their pods, Services, Endpoints and slices. */
    static final List<ResourceType<?>> WATCHED = List.of(Resources.DEPLOYMENTS, Resources.REPLICASETS,
        Resources.PODS, Resources.SERVICES, Resources.ENDPOINTS, Resources.ENDPOINT_SLICES, Resources.NODES,
        Resources.NAMESPACES);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext context) {
        List<SharedInformer<?>> informers = new ArrayList<>();
        List<GarbageCollector.Watched<?>> kinds = new ArrayList<>();
        for (ResourceType<?> type : WATCHED) {
            SharedInformer<?> informer = watch(context, type, kinds);
            informers.add(informer);
        }
        GarbageCollector collector = new GarbageCollector(context.client(), kinds, context.recorder(NAME));
        Controller controller = Controller.builder(NAME)
            .reconciler(collector)
            .workers(context.properties().workers())
            .watches(informers.toArray(SharedInformer[]::new))
            .build();
        WorkQueue<String> queue = controller.queue();
        collector.enqueueWith(queue::add);
        for (SharedInformer<?> informer : informers) {
            handle(informer, collector, queue);
        }
        return ManagedController.of(controller);
    }

    private static <T extends KubeObject<T>> SharedInformer<T> watch(ControllerContext context, ResourceType<T> type,
                                                                    List<GarbageCollector.Watched<?>> kinds) {
        SharedInformer<T> informer = context.informers().informer(type);
        kinds.add(new GarbageCollector.Watched<>(type, informer.cache()));
        return informer;
    }

    private static <T extends KubeObject<T>> void handle(SharedInformer<T> informer, GarbageCollector collector,
                                                        WorkQueue<String> queue) {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                if (interesting(object)) {
                    queue.add(GarbageCollector.keyOf(object));
                }
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                boolean resync = oldObject == newObject;
                boolean referencesChanged = !Objects.equals(oldObject.metadata().ownerReferences(),
                    newObject.metadata().ownerReferences());
                boolean deletionChanged = oldObject.metadata().beingDeleted() != newObject.metadata().beingDeleted()
                    || !Objects.equals(oldObject.metadata().finalizers(), newObject.metadata().finalizers());
                if ((resync || referencesChanged || deletionChanged) && interesting(newObject)) {
                    queue.add(GarbageCollector.keyOf(newObject));
                }
                if (referencesChanged) {
                    // An owner waiting for its dependents may have just lost one.
                    enqueueOwners(oldObject);
                }
            }

            @Override
            public void onDelete(T object) {
                collector.cachedDependents(object).forEach(d -> queue.add(GarbageCollector.keyOf(d)));
                enqueueOwners(object);
            }

            private void enqueueOwners(T object) {
                for (OwnerReference reference : object.metadata().ownerReferencesOrEmpty()) {
                    collector.ownerKey(reference, object).ifPresent(queue::add);
                }
            }
        });
    }

    /** Owned, or being deleted with a finalizer the collector has to act on. */
    private static boolean interesting(KubeObject<?> object) {
        return !object.metadata().ownerReferencesOrEmpty().isEmpty()
            || OwnerReferences.orphaningDependents(object)
            || OwnerReferences.deletingDependents(object);
    }
}
