package io.j8s.proxy.routing;

import io.j8s.common.api.Resources;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.meta.KubeObject;
import io.j8s.common.client.ApiClient;
import io.j8s.common.client.ApiServerCredentials;
import io.j8s.common.client.ListOptions;
import io.j8s.common.informer.ResourceEventHandler;
import io.j8s.common.informer.SharedInformer;
import io.j8s.proxy.ProxyProperties;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lists and watches every Service and Endpoints in the cluster and rebuilds a Service's route whenever either
 * changes: kube-proxy's ServiceConfig and EndpointsConfig. Pods are never read; Endpoints say which are ready.
 */
@Component
public class RouteWatcher implements SmartLifecycle {

    /** Before the listeners, which are useless without routes. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final SharedInformer<Service> services;
    private final SharedInformer<Endpoints> endpoints;
    private volatile boolean running;

    public RouteWatcher(ProxyProperties properties, ApiServerCredentials credentials, RoutingTable table) {
        ApiClient client = new ApiClient(properties.apiServerUrl(), credentials);
        this.services = new SharedInformer<>(client, Resources.SERVICES, null, ListOptions.NONE, Duration.ZERO);
        this.endpoints = new SharedInformer<>(client, Resources.ENDPOINTS, null, ListOptions.NONE, Duration.ZERO);
        services.addEventHandler(rebuild(table));
        endpoints.addEventHandler(rebuild(table));
    }

    /** Whichever of the two changed, the route is rebuilt from both caches as they are now. */
    private <T extends KubeObject<T>> ResourceEventHandler<T> rebuild(RoutingTable table) {
        return ResourceEventHandler.onAnyChange(obj -> table.update(new ServiceKey(obj.namespace(), obj.name()),
            services.cache().get(obj.namespace(), obj.name()).orElse(null),
            endpoints.cache().get(obj.namespace(), obj.name()).orElse(null)));
    }

    /** True once both kinds have been listed: the table then holds every Service. */
    public boolean synced() {
        return services.hasSynced() && endpoints.hasSynced();
    }

    @Override
    public void start() {
        services.start();
        endpoints.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        services.stop();
        endpoints.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
