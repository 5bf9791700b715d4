package io.j8s.apiserver.rbac;

import io.j8s.apiserver.authorization.NodeAuthorizer;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.rbac.ClusterRole;
import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.RoleRef;
import io.j8s.common.api.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ClusterRoles and ClusterRoleBindings every cluster starts with (after Kubernetes' {@code bootstrappolicy}):
 * cluster-admin, the user-facing admin / edit / view, discovery and self-review for every authenticated user, and a
 * least-privilege role per component, each bound to the identity that component authenticates as. Rules name
 * Kubernetes' resources, including kinds j8s does not serve yet, so the roles mean what they mean on Kubernetes.
 */
public final class BootstrapPolicy {

    public static final String SCHEDULER_USER = "system:kube-scheduler";
    public static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
    public static final String PROXY_USER = "system:kube-proxy";
    /** The process that hosts simulated nodes: it watches their pods in one watch; each node writes as itself. */
    public static final String NODE_SIMULATOR_USER = "system:j8s:node-simulator";

    static final Map<String, String> LABELS = Map.of("kubernetes.io/bootstrapping", "rbac-defaults");
    /** Bootstrap objects carrying this annotation "true" are put back to their defaults at every start. */
    static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    private static final List<String> READ_WRITE = List.of("create", "delete", "deletecollection", "get", "list",
        "patch", "update", "watch");
    private static final String CORE = "";
    private static final String APPS = "apps";

    private BootstrapPolicy() {
    }

    public static List<ClusterRole> clusterRoles() {
        return List.of(
            role("cluster-admin",
                rule(List.of("*"), List.of("*"), "*"),
                PolicyRule.urls(List.of("*"), List.of("*"))),
            role("admin", concat(edit(),
                rule(READ_WRITE, List.of("rbac.authorization.k8s.io"), "roles", "rolebindings"),
                rule(List.of("create"), List.of("authorization.k8s.io"), "localsubjectaccessreviews"))),
            role("edit", edit()),
            role("view", view()),
            role("system:discovery", PolicyRule.urls(List.of("get"), List.of("/api", "/api/*", "/apis", "/apis/*",
                "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"))),
            role("system:basic-user",
                rule(List.of("create"), List.of("authorization.k8s.io"), "selfsubjectaccessreviews",
                    "selfsubjectrulesreviews"),
                rule(List.of("create"), List.of("authentication.k8s.io"), "selfsubjectreviews")),
            role("system:public-info-viewer", PolicyRule.urls(List.of("get"),
                List.of("/healthz", "/livez", "/readyz", "/version", "/version/"))),
            role("system:kube-scheduler", scheduler()),
            role("system:kube-controller-manager", controllerManager()),
            role("system:node-proxier",
                rule(List.of("get", "list", "watch"), List.of(CORE), "services", "endpoints", "nodes"),
                rule(List.of("get", "list", "watch"), List.of("discovery.k8s.io"), "endpointslices"),
                events()),
            // Documents what the Node authorizer allows; bound to nobody, as on Kubernetes since 1.8.
            role("system:node", NodeAuthorizer.NODE_RULES.toArray(PolicyRule[]::new)),
            role("system:j8s:node-simulator", rule(READ, List.of(CORE), "pods")));
    }

    public static List<ClusterRoleBinding> clusterRoleBindings() {
        return List.of(
            binding("cluster-admin", Subject.group(UserInfo.SYSTEM_MASTERS)),
            binding("system:discovery", Subject.group(UserInfo.AUTHENTICATED)),
            binding("system:basic-user", Subject.group(UserInfo.AUTHENTICATED)),
            binding("system:public-info-viewer", Subject.group(UserInfo.AUTHENTICATED),
                Subject.group(UserInfo.UNAUTHENTICATED)),
            binding("system:kube-scheduler", Subject.user(SCHEDULER_USER)),
            binding("system:kube-controller-manager", Subject.user(CONTROLLER_MANAGER_USER)),
            binding("system:node-proxier", Subject.user(PROXY_USER)),
            binding("system:j8s:node-simulator", Subject.user(NODE_SIMULATOR_USER)),
            binding("system:node"));
    }

    private static PolicyRule[] view() {
        return new PolicyRule[] {
            rule(READ, List.of(CORE), "configmaps", "endpoints", "persistentvolumeclaims",
                "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale",
                "serviceaccounts", "services", "services/status"),
            rule(READ, List.of(CORE), "bindings", "events", "limitranges", "namespaces/status", "pods/log",
                "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"),
            // read access to namespaces at the namespace scope means you can read *this* namespace
            rule(READ, List.of(CORE), "namespaces"),
            rule(READ, List.of("discovery.k8s.io"), "endpointslices"),
            rule(READ, List.of(APPS), "controllerrevisions", "daemonsets", "daemonsets/status", "deployments",
                "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status",
                "statefulsets", "statefulsets/scale", "statefulsets/status"),
            rule(READ, List.of("autoscaling"), "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
            rule(READ, List.of("batch"), "cronjobs", "cronjobs/status", "jobs", "jobs/status"),
            rule(READ, List.of("policy"), "poddisruptionbudgets", "poddisruptionbudgets/status"),
            rule(READ, List.of("networking.k8s.io"), "ingresses", "ingresses/status", "networkpolicies"),
        };
    }

    private static PolicyRule[] edit() {
        return concat(view(),
            rule(WRITE, List.of(CORE), "pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"),
            rule(List.of("create"), List.of(CORE), "pods/eviction"),
            rule(WRITE, List.of(CORE), "configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers",
                "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"),
            rule(READ, List.of(CORE), "secrets"),
            rule(List.of("create"), List.of(CORE), "serviceaccounts/token"),
            rule(WRITE, List.of(APPS), "daemonsets", "deployments", "deployments/rollback", "deployments/scale",
                "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"),
            rule(WRITE, List.of("autoscaling"), "horizontalpodautoscalers"),
            rule(WRITE, List.of("batch"), "cronjobs", "jobs"),
            rule(WRITE, List.of("policy"), "poddisruptionbudgets"),
            rule(WRITE, List.of("networking.k8s.io"), "ingresses", "networkpolicies"));
    }

    /** What j8s' scheduler does: watch pods and nodes, bind, report unschedulable pods, elect its leader. */
    private static PolicyRule[] scheduler() {
        return new PolicyRule[] {
            events(),
            rule(List.of("create"), List.of("coordination.k8s.io"), "leases"),
            rule(List.of("get", "update", "patch"), List.of("coordination.k8s.io"), "leases")
                .withResourceNames(List.of("kube-scheduler")),
            rule(READ, List.of(CORE), "nodes", "pods"),
            rule(List.of("create"), List.of(CORE), "bindings", "pods/binding"),
            rule(List.of("patch", "update"), List.of(CORE), "pods/status"),
        };
    }

    /**
     * The controller manager runs every controller under one identity, so it holds the union of Kubernetes'
     * per-controller roles for the kinds j8s serves: the garbage collector and the namespace controller read,
     * change and delete objects of any kind; the others create the objects they own and write status.
     */
    private static PolicyRule[] controllerManager() {
        return new PolicyRule[] {
            rule(List.of("delete", "deletecollection", "get", "list", "patch", "update", "watch"), List.of("*"), "*"),
            rule(List.of("create"), List.of(CORE), "endpoints", "pods"),
            rule(List.of("create"), List.of(APPS), "replicasets"),
            rule(List.of("create"), List.of("discovery.k8s.io"), "endpointslices"),
            rule(List.of("create"), List.of("coordination.k8s.io"), "leases"),
            events(),
        };
    }

    private static PolicyRule events() {
        return rule(List.of("create", "patch", "update"), List.of(CORE, "events.k8s.io"), "events");
    }

    private static PolicyRule rule(List<String> verbs, List<String> groups, String... resources) {
        return PolicyRule.resources(verbs, groups, List.of(resources));
    }

    private static PolicyRule[] concat(PolicyRule[] first, PolicyRule... more) {
        List<PolicyRule> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(PolicyRule[]::new);
    }

    private static ClusterRole role(String name, PolicyRule... rules) {
        return ClusterRole.of(metadata(name), List.of(rules));
    }

    private static ClusterRoleBinding binding(String name, Subject... subjects) {
        return ClusterRoleBinding.of(metadata(name), RoleRef.clusterRole(name), List.of(subjects));
    }

    private static ObjectMeta metadata(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, LABELS,
            Map.of(AUTOUPDATE, "true"), null, null, null);
    }
}
