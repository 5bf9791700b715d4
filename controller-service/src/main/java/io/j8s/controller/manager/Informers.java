package io.j8s.controller.manager;

import io.j8s.common.api.ResourceType;
import io.j8s.common.api.Resources;
import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ListOptions;
import io.j8s.common.informer.Indexes;
import io.j8s.common.informer.SharedInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One informer per kind, shared by every control loop of a leadership term (as client-go's
 * SharedInformerFactory): each kind is listed and watched once however many loops read it. Informers are
 * created on first use, so only kinds some loop reads are watched.
 */
public final class Informers {

    private final ApiClient client;
    private final Duration resyncPeriod;
    private final Map<ResourceType<?>, SharedInformer<?>> informers = new LinkedHashMap<>();
    private boolean started;

    public Informers(ApiClient client, Duration resyncPeriod) {
        this.client = client;
        this.resyncPeriod = resyncPeriod;
    }

    public SharedInformer<Pod> pods() {
        return informer(Resources.PODS);
    }

    public SharedInformer<ReplicaSet> replicaSets() {
        return informer(Resources.REPLICASETS);
    }

    public SharedInformer<Deployment> deployments() {
        return informer(Resources.DEPLOYMENTS);
    }

    public SharedInformer<Service> services() {
        return informer(Resources.SERVICES);
    }

    public SharedInformer<Endpoints> endpoints() {
        return informer(Resources.ENDPOINTS);
    }

    public SharedInformer<Node> nodes() {
        return informer(Resources.NODES);
    }

    public SharedInformer<Namespace> namespaces() {
        return informer(Resources.NAMESPACES);
    }

    /** Node heartbeats: the Leases in {@code kube-node-lease}. */
    public SharedInformer<Lease> nodeLeases() {
        return informer(Resources.LEASES);
    }

    /** The informer of any kind, e.g. for the garbage collector which reads every kind's owners. */
    @SuppressWarnings("unchecked")
    public synchronized <T extends KubeObject<T>> SharedInformer<T> informer(ResourceType<T> type) {
        return (SharedInformer<T>) informers.computeIfAbsent(type, t -> {
            if (started) {
                throw new IllegalStateException("informer for " + t.plural() + " requested after start");
            }
            SharedInformer<T> informer = new SharedInformer<>(client, type,
                type == Resources.LEASES ? "kube-node-lease" : null, ListOptions.NONE, resyncPeriod);
            informer.addIndexer(Indexes.OWNER_UID, Indexes.ownerUids());
            if (type == Resources.PODS) {
                ((SharedInformer<Pod>) informer).addIndexer(Indexes.NODE_NAME, Indexes.podNodeName());
            }
            return informer;
        });
    }

    synchronized void startAll() {
        started = true;
        informers.values().forEach(SharedInformer::start);
    }

    /** True once every informer has listed; false if {@code timeout} passes first. */
    boolean waitForSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SharedInformer<?> informer : snapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !informer.waitForSync(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    void stopAll() {
        snapshot().forEach(SharedInformer::stop);
    }

    private synchronized List<SharedInformer<?>> snapshot() {
        return new ArrayList<>(informers.values());
    }
}
