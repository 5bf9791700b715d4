package io.j8s.common.api;

import io.j8s.common.api.apps.Deployment;
import io.j8s.common.api.apps.ReplicaSet;
import io.j8s.common.api.authorization.Review;
import io.j8s.common.api.coordination.Lease;
import io.j8s.common.api.core.Endpoints;
import io.j8s.common.api.core.Event;
import io.j8s.common.api.core.Namespace;
import io.j8s.common.api.core.Node;
import io.j8s.common.api.core.Pod;
import io.j8s.common.api.core.Service;
import io.j8s.common.api.discovery.EndpointSlice;
import io.j8s.common.api.rbac.ClusterRole;
import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.Role;
import io.j8s.common.api.rbac.RoleBinding;
import java.util.List;
import java.util.Optional;

/** The kinds j8s serves, named exactly as Kubernetes names them; {@link #all()} lists the stored ones. */
public final class Resources {

    public static final ResourceType<Namespace> NAMESPACES = new ResourceType<>(
            "", "v1", "namespaces", "namespace", "Namespace", "NamespaceList", false, Namespace.class,
            List.of("ns"), List.of());
    public static final ResourceType<Node> NODES = new ResourceType<>(
            "", "v1", "nodes", "node", "Node", "NodeList", false, Node.class,
            List.of("no"), List.of());
    public static final ResourceType<Pod> PODS = new ResourceType<>(
            "", "v1", "pods", "pod", "Pod", "PodList", true, Pod.class,
            List.of("po"), List.of("all"));
    public static final ResourceType<Service> SERVICES = new ResourceType<>(
            "", "v1", "services", "service", "Service", "ServiceList", true, Service.class,
            List.of("svc"), List.of("all"));
    public static final ResourceType<Endpoints> ENDPOINTS = new ResourceType<>(
            "", "v1", "endpoints", "endpoints", "Endpoints", "EndpointsList", true, Endpoints.class,
            List.of("ep"), List.of());
    public static final ResourceType<Event> EVENTS = new ResourceType<>(
            "", "v1", "events", "event", "Event", "EventList", true, Event.class,
            List.of("ev"), List.of());
    public static final ResourceType<ReplicaSet> REPLICASETS = new ResourceType<>(
            "apps", "v1", "replicasets", "replicaset", "ReplicaSet", "ReplicaSetList", true, ReplicaSet.class,
            List.of("rs"), List.of("all"));
    public static final ResourceType<Deployment> DEPLOYMENTS = new ResourceType<>(
            "apps", "v1", "deployments", "deployment", "Deployment", "DeploymentList", true, Deployment.class,
            List.of("deploy"), List.of("all"));
    public static final ResourceType<Lease> LEASES = new ResourceType<>(
            "coordination.k8s.io", "v1", "leases", "lease", "Lease", "LeaseList", true, Lease.class,
            List.of(), List.of());
    public static final ResourceType<EndpointSlice> ENDPOINT_SLICES = new ResourceType<>(
            "discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", "EndpointSliceList", true,
            EndpointSlice.class, List.of(), List.of());

    public static final ResourceType<Role> ROLES = new ResourceType<>(
            "rbac.authorization.k8s.io", "v1", "roles", "role", "Role", "RoleList", true, Role.class,
            List.of(), List.of());
    public static final ResourceType<ClusterRole> CLUSTERROLES = new ResourceType<>(
            "rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", "ClusterRoleList", false,
            ClusterRole.class, List.of(), List.of());
    public static final ResourceType<RoleBinding> ROLEBINDINGS = new ResourceType<>(
            "rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", "RoleBindingList", true,
            RoleBinding.class, List.of(), List.of());
    public static final ResourceType<ClusterRoleBinding> CLUSTERROLEBINDINGS = new ResourceType<>(
            "rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding",
            "ClusterRoleBindingList", false, ClusterRoleBinding.class, List.of(), List.of());

    // Create-only reviews: answered by the API server, never stored, so not among the stored kinds below.
    public static final ResourceType<Review> SELF_SUBJECT_ACCESS_REVIEWS = new ResourceType<>(
            "authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview",
            "SelfSubjectAccessReview", "SelfSubjectAccessReviewList", false, Review.class, List.of(), List.of());
    public static final ResourceType<Review> SELF_SUBJECT_RULES_REVIEWS = new ResourceType<>(
            "authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview",
            "SelfSubjectRulesReview", "SelfSubjectRulesReviewList", false, Review.class, List.of(), List.of());
    public static final ResourceType<Review> SUBJECT_ACCESS_REVIEWS = new ResourceType<>(
            "authorization.k8s.io", "v1", "subjectaccessreviews", "subjectaccessreview",
            "SubjectAccessReview", "SubjectAccessReviewList", false, Review.class, List.of(), List.of());
    public static final ResourceType<Review> SELF_SUBJECT_REVIEWS = new ResourceType<>(
            "authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview",
            "SelfSubjectReview", "SelfSubjectReviewList", false, Review.class, List.of(), List.of());

    private static final List<ResourceType<?>> ALL = List.of(
            ENDPOINT_SLICES,
            NAMESPACES, NODES, PODS, SERVICES, ENDPOINTS, EVENTS, REPLICASETS, DEPLOYMENTS, LEASES,
            ROLES, CLUSTERROLES, ROLEBINDINGS, CLUSTERROLEBINDINGS);

    private Resources() {
    }

    public static List<ResourceType<?>> all() {
        return ALL;
    }

    /** Looks a resource up as it appears in a URL: group ("" for core), version, plural. */
    public static Optional<ResourceType<?>> find(String group, String version, String plural) {
        return ALL.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** Looks a resource up as an object names it: apiVersion ({@code apps/v1}) and kind. */
    public static Optional<ResourceType<?>> findByKind(String apiVersion, String kind) {
        return ALL.stream()
                .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }
}
