package io.j8s.controller.node;

import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.common.reconcile.Controller;
import io.j8s.common.workqueue.WorkQueue;
import io.j8s.controller.manager.ControllerContext;
import io.j8s.controller.manager.ControllerFactory;
import io.j8s.controller.manager.ManagedController;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The node lifecycle controller: one key per node, looked at whenever the node or its Lease changes and
 * at least every monitor period (the reconciler requeues itself), so a node that stops renewing its Lease
 * is noticed within the grace period plus a monitor period.
 */
@Component
class NodeLifecycleControllerFactory implements ControllerFactory {

    /** The component name on the events, as kube-controller-manager's node lifecycle controller reports. */
    static final String COMPONENT = "node-controller";

    @Override
    public String name() {
        return "node-lifecycle-controller";
    }

    @Override
    public ManagedController create(ControllerContext context) {
        SharedInformer<Node> nodes = context.informers().nodes();
        SharedInformer<Lease> leases = context.informers().nodeLeases();
        SharedInformer<Pod> pods = context.informers().pods();
        NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(context.client(), nodes.cache(),
            leases.cache(), pods.cache(), context.recorder(COMPONENT), context.clock(),
            context.properties().nodeLifecycle());
        Controller controller = Controller.builder(name())
            .reconciler(reconciler)
            .workers(context.properties().workers())
            .watches(nodes, leases, pods)
            .build();
        WorkQueue<String> queue = controller.queue();
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                queue.add(node.name());
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (oldNode != newNode) {
                    queue.add(newNode.name()); // resyncs are not needed: every node is looked at periodically
                }
            }

            @Override
            public void onDelete(Node node) {
                queue.add(node.name());
            }
        });
        leases.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                enqueue(lease);
            }

            @Override
            public void onUpdate(Lease oldLease, Lease newLease) {
                if (oldLease != newLease) {
                    enqueue(newLease);
                }
            }

            private void enqueue(Lease lease) {
                if (NodeLifecycleReconciler.NODE_LEASE_NAMESPACE.equals(lease.namespace())) {
                    queue.add(lease.name());
                }
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueNodeOf(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                // A pod newly bound to a node that is not ready is marked not ready like the others there.
                if (!Objects.equals(nodeOf(oldPod), nodeOf(newPod))) {
                    enqueueNodeOf(newPod);
                }
            }

            private void enqueueNodeOf(Pod pod) {
                String node = nodeOf(pod);
                if (node != null && !node.isEmpty()) {
                    queue.add(node);
                }
            }
        });
        return ManagedController.of(controller);
    }

    private static String nodeOf(Pod pod) {
        return pod.spec() == null ? null : pod.spec().nodeName();
    }
}
