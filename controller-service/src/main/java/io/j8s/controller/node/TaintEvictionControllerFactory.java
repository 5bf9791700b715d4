package io.j8s.controller.node;

import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.informer.Cache;
import io.j8s.common.informer.Indexes;
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
 * The taint eviction controller: one key per pod, looked at when the pod lands on a node, changes its
 * tolerations, or when the NoExecute taints of its node change.
 */
@Component
class TaintEvictionControllerFactory implements ControllerFactory {

    static final String NAME = "taint-eviction-controller";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ManagedController create(ControllerContext context) {
        SharedInformer<Pod> pods = context.informers().pods();
        SharedInformer<Node> nodes = context.informers().nodes();
        TaintEvictionReconciler reconciler = new TaintEvictionReconciler(context.client(), pods.cache(),
            nodes.cache(), context.recorder(NAME), context.clock(),
            context.properties().nodeLifecycle().podEvictionTimeout());
        Controller controller = Controller.builder(NAME)
            .reconciler(reconciler)
            .workers(context.properties().workers())
            .watches(pods, nodes)
            .build();
        WorkQueue<String> queue = controller.queue();
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (nodeOf(pod) != null) {
                    queue.add(Cache.keyOf(pod));
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                if (!Objects.equals(nodeOf(oldPod), nodeOf(newPod))
                    || !Objects.equals(oldPod.spec().tolerations(), newPod.spec().tolerations())
                    || oldPod.metadata().beingDeleted() != newPod.metadata().beingDeleted()) {
                    queue.add(Cache.keyOf(newPod));
                }
            }

            @Override
            public void onDelete(Pod pod) {
                queue.add(Cache.keyOf(pod));
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                if (!NodeTaints.noExecute(node).isEmpty()) {
                    enqueuePodsOn(node);
                }
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (!NodeTaints.noExecute(oldNode).equals(NodeTaints.noExecute(newNode))) {
                    enqueuePodsOn(newNode);
                }
            }

            @Override
            public void onDelete(Node node) {
                enqueuePodsOn(node);
            }

            private void enqueuePodsOn(Node node) {
                pods.cache().byIndex(Indexes.NODE_NAME, node.name()).forEach(pod -> queue.add(Cache.keyOf(pod)));
            }
        });
        return ManagedController.of(controller);
    }

    private static String nodeOf(Pod pod) {
        String node = pod.spec() == null ? null : pod.spec().nodeName();
        return node == null || node.isEmpty() ? null : node;
    }
}
