package io.j8s.controller.endpointslice;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.expectations.Expectations;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.common.workqueue.WorkQueue;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import io.j8s.controller.support.PodServiceMembership;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): keeps, for every Service with a selector, EndpointSlices
 * labelled {@code kubernetes.io/service-name} and managed by {@code endpointslice-controller.k8s.io} that list the
 * pods it selects, at most 100 endpoints each. Services, pods and changes to its slices made by anyone else enqueue
 * the Service's key; {@link EndpointSliceReconciler} does the rest.
 */
@Component
class EndpointSliceControllerFactory implements ControllerFactory {

    static final String NAME = "endpointslice-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext context) {
        SharedInformer<Service> services = context.informers().services();
        SharedInformer<Pod> pods = context.informers().pods();
        SharedInformer<EndpointSlice> slices = context.informers().informer(Resources.ENDPOINT_SLICES);
        SharedInformer<Node> nodes = context.informers().nodes();
        EndpointSliceTracker tracker = new EndpointSliceTracker(Expectations.DEFAULT_TTL, context.clock());
        EndpointSliceReconciler reconciler = new EndpointSliceReconciler(context.client(), services.cache(),
            pods.cache(), slices.cache(), nodes.cache(), tracker,
            new SlicePlanner(SlicePlanner.DEFAULT_MAX_ENDPOINTS_PER_SLICE), context.recorder("endpoint-slice-controller"));
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(context.properties().workers())
            .watches(services, pods, slices, nodes)
            .build();
        WorkQueue<String> queue = controller.queue();
        services.addEventHandler(ResourceEventHandler.enqueueingKeys(queue::add));
        pods.addEventHandler(new PodServiceMembership(services.cache(), queue::add));
        slices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                if (managed(slice) && tracker.shouldSync(serviceKey(slice), slice)) {
                    queue.add(serviceKey(slice));
                }
            }

            @Override
            public void onUpdate(EndpointSlice oldSlice, EndpointSlice newSlice) {
                boolean moved = !managed(newSlice) || !serviceKey(oldSlice).equals(serviceKey(newSlice));
                if (managed(oldSlice) && moved) {
                    queue.add(serviceKey(oldSlice)); // taken over or relabelled: its Service may need a slice again
                }
                if (managed(newSlice) && (!managed(oldSlice) || tracker.shouldSync(serviceKey(newSlice), newSlice))) {
                    queue.add(serviceKey(newSlice));
                }
            }

            @Override
            public void onDelete(EndpointSlice slice) {
                if (managed(slice) && !tracker.deletionObserved(serviceKey(slice), slice)) {
                    queue.add(serviceKey(slice)); // deleted by someone else: recreated if still wanted
                }
            }
        });
        return ManagedController.of(controller);
    }

    /** Ours, and naming the Service it belongs to. */
    private static boolean managed(EndpointSlice slice) {
        Map<String, String> labels = slice.metadata().labelsOrEmpty();
        String service = labels.get(EndpointSlice.LABEL_SERVICE_NAME);
        return Objects.equals(labels.get(EndpointSlice.LABEL_MANAGED_BY), SlicePlanner.CONTROLLER_NAME)
            && service != null && !service.isEmpty();
    }

    private static String serviceKey(EndpointSlice slice) {
        return slice.metadata().namespace() + "/" + slice.metadata().labelsOrEmpty().get(EndpointSlice.LABEL_SERVICE_NAME);
    }
}
