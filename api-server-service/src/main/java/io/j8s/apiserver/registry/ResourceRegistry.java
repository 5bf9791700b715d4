package io.j8s.apiserver.registry;

import io.j8s.apiserver.registry.ResourceDefinition.StorageKind;
import io.j8s.apiserver.registry.strategy.DeploymentStrategy;
import io.j8s.apiserver.registry.strategy.EndpointSliceStrategy;
import io.j8s.apiserver.registry.strategy.EndpointsStrategy;
import io.j8s.apiserver.registry.strategy.EventStrategy;
import io.j8s.apiserver.registry.strategy.LeaseStrategy;
import io.j8s.apiserver.registry.strategy.NamespaceStrategy;
import io.j8s.apiserver.registry.strategy.NodeStrategy;
import io.j8s.apiserver.registry.strategy.PodStrategy;
import io.j8s.apiserver.registry.strategy.RbacBindingStrategy;
import io.j8s.apiserver.registry.strategy.RbacRoleStrategy;
import io.j8s.apiserver.registry.strategy.ReplicaSetStrategy;
import io.j8s.apiserver.registry.strategy.ServiceStrategy;
import io.j8s.common.api.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every kind the API server serves; the single table that routing, discovery and OpenAPI read. */
@Component
public class ResourceRegistry {

    private final List<ResourceDefinition> definitions = List.of(
        new ResourceDefinition(Resources.NAMESPACES, List.of("ns"), List.of(), true, false,
            StorageKind.ETCD, new NamespaceStrategy()),
        new ResourceDefinition(Resources.NODES, List.of("no"), List.of(), true, false,
            StorageKind.ETCD, new NodeStrategy()),
        new ResourceDefinition(Resources.PODS, List.of("po"), List.of("all"), true, false,
            StorageKind.ETCD, new PodStrategy()),
        new ResourceDefinition(Resources.SERVICES, List.of("svc"), List.of("all"), true, false,
            StorageKind.ETCD, new ServiceStrategy()),
        new ResourceDefinition(Resources.ENDPOINTS, List.of("ep"), List.of(), false, false,
            StorageKind.ETCD, new EndpointsStrategy()),
        new ResourceDefinition(Resources.EVENTS, List.of("ev"), List.of(), false, false,
            StorageKind.REDIS, new EventStrategy()),
        new ResourceDefinition(Resources.DEPLOYMENTS, List.of("deploy"), List.of("all"), true, true,
            StorageKind.ETCD, new DeploymentStrategy()),
        new ResourceDefinition(Resources.REPLICASETS, List.of("rs"), List.of("all"), true, true,
            StorageKind.ETCD, new ReplicaSetStrategy()),
        new ResourceDefinition(Resources.ENDPOINT_SLICES, List.of(), List.of(), false, false,
            StorageKind.ETCD, new EndpointSliceStrategy()),
        new ResourceDefinition(Resources.LEASES, List.of(), List.of(), false, false,
            StorageKind.ETCD, new LeaseStrategy()),
        new ResourceDefinition(Resources.ROLES, List.of(), List.of(), false, false,
            StorageKind.ETCD, new RbacRoleStrategy(false)),
        new ResourceDefinition(Resources.CLUSTERROLES, List.of(), List.of(), false, false,
            StorageKind.ETCD, new RbacRoleStrategy(true)),
        new ResourceDefinition(Resources.ROLEBINDINGS, List.of(), List.of(), false, false,
            StorageKind.ETCD, new RbacBindingStrategy(false)),
        new ResourceDefinition(Resources.CLUSTERROLEBINDINGS, List.of(), List.of(), false, false,
            StorageKind.ETCD, new RbacBindingStrategy(true)),
        review(Resources.SELF_SUBJECT_ACCESS_REVIEWS),
        review(Resources.SELF_SUBJECT_RULES_REVIEWS),
        review(Resources.SUBJECT_ACCESS_REVIEWS),
        review(Resources.SELF_SUBJECT_REVIEWS));

    private final Map<String, ResourceDefinition> byPath = new LinkedHashMap<>();

    public ResourceRegistry() {
        for (ResourceDefinition d : definitions) {
            byPath.put(pathKey(d.group(), d.version(), d.plural()), d);
        }
    }

    /** A create-only review kind: answered by {@code authorization.ReviewHandler}, never stored. */
    private static ResourceDefinition review(io.j8s.common.api.ResourceType<?> type) {
        return new ResourceDefinition(type, List.of(), List.of(), false, false, StorageKind.NONE, object -> List.of());
    }

    public List<ResourceDefinition> all() {
        return definitions;
    }

    public Optional<ResourceDefinition> find(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(pathKey(group, version, plural)));
    }

    /** Group versions served, in discovery order: {@code v1} first, then the named groups. */
    public List<String> groupVersions() {
        return definitions.stream().map(ResourceDefinition::apiVersion).distinct().toList();
    }

    public List<ResourceDefinition> inGroupVersion(String group, String version) {
        return definitions.stream().filter(d -> d.group().equals(group) && d.version().equals(version)).toList();
    }

    private static String pathKey(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}
