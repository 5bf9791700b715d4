package io.j8s.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.j8s.apiserver.security.RequestInfo;
import io.j8s.apiserver.security.UserInfo;
import io.j8s.common.api.meta.ObjectMeta;
import io.j8s.common.api.rbac.ClusterRole;
import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.Role;
import io.j8s.common.api.rbac.RoleBinding;
import io.j8s.common.api.rbac.RoleRef;
import io.j8s.common.api.rbac.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RBAC evaluator against a fixed set of roles and bindings, including the bootstrap policy. */
class RuleResolverTest {

    private final Policy policy = new Policy();
    private final RuleResolver rbac = new RuleResolver(policy);

    private static final UserInfo JANE = UserInfo.authenticated("jane", "", List.of("dev"));
    private static final UserInfo BOB = UserInfo.authenticated("bob", "", List.of());

    private static RequestInfo request(String verb, String group, String namespace, String resource, String name) {
        int slash = resource.indexOf('/');
        return RequestInfo.resource(verb, group, "v1", namespace, slash < 0 ? resource : resource.substring(0, slash),
            slash < 0 ? "" : resource.substring(slash + 1), name);
    }

    @Test
    void viewBoundInOneNamespaceReadsThereAndNowhereElse() {
        policy.roleBinding("team-a", "jane-view", RoleRef.clusterRole("view"), Subject.user("jane"));

        assertThat(rbac.allows(JANE, request("list", "", "team-a", "pods", ""))).isTrue();
        assertThat(rbac.allows(JANE, request("watch", "apps", "team-a", "deployments", ""))).isTrue();
        assertThat(rbac.allows(JANE, request("get", "", "team-a", "pods/log", "web"))).isTrue();
        assertThat(rbac.allows(JANE, request("create", "", "team-a", "pods", ""))).isFalse();
        assertThat(rbac.allows(JANE, request("list", "", "team-b", "pods", ""))).isFalse();
        assertThat(rbac.allows(JANE, request("list", "", "", "pods", ""))).as("all namespaces").isFalse();
        assertThat(rbac.allows(JANE, request("get", "", "team-a", "secrets", "s"))).as("view hides secrets").isFalse();
        assertThat(rbac.allows(BOB, request("list", "", "team-a", "pods", ""))).isFalse();
    }

    @Test
    void editAllowsWritesOfWorkloadsButNotRbacOrStatus() {
        policy.roleBinding("team-a", "devs", RoleRef.clusterRole("edit"), Subject.group("dev"));

        assertThat(rbac.allows(JANE, request("create", "apps", "team-a", "deployments", ""))).isTrue();
        assertThat(rbac.allows(JANE, request("patch", "apps", "team-a", "deployments/scale", "web"))).isTrue();
        assertThat(rbac.allows(JANE, request("delete", "", "team-a", "pods", "web"))).isTrue();
        assertThat(rbac.allows(JANE, request("update", "", "team-a", "pods/status", "web"))).isFalse();
        assertThat(rbac.allows(JANE, request("create", "rbac.authorization.k8s.io", "team-a", "rolebindings", "")))
            .isFalse();
        assertThat(rbac.allows(JANE, request("create", "apps", "team-b", "deployments", ""))).isFalse();
    }

    @Test
    void clusterRoleBindingsGrantEverywhereAndNonResourceUrlsMatchByPrefix() {
        policy.clusterRoleBinding("cluster-admin", Subject.group(UserInfo.SYSTEM_MASTERS));
        policy.clusterRoleBinding("system:discovery", Subject.group(UserInfo.AUTHENTICATED));
        UserInfo admin = UserInfo.authenticated("admin", "", List.of(UserInfo.SYSTEM_MASTERS));

        assertThat(rbac.allows(admin, request("deletecollection", "apps", "", "deployments", ""))).isTrue();
        assertThat(rbac.allows(admin, RequestInfo.nonResource("/metrics", "get"))).isTrue();
        assertThat(rbac.allows(JANE, RequestInfo.nonResource("/apis/apps/v1", "get"))).isTrue();
        assertThat(rbac.allows(JANE, RequestInfo.nonResource("/openapi/v3/api/v1", "get"))).isTrue();
        assertThat(rbac.allows(JANE, RequestInfo.nonResource("/apis", "post"))).isFalse();
        assertThat(rbac.allows(JANE, RequestInfo.nonResource("/metrics", "get"))).isFalse();
        assertThat(rbac.allows(JANE, request("list", "", "", "pods", ""))).isFalse();
    }

    @Test
    void wildcardsSubresourcesAndResourceNames() {
        policy.role("ns", "status-writer", PolicyRule.resources(List.of("update"), List.of("*"), List.of("*/status")),
            PolicyRule.resources(List.of("get", "update"), List.of(""), List.of("configmaps"))
                .withResourceNames(List.of("settings")),
            PolicyRule.resources(List.of("*"), List.of("apps"), List.of("replicasets")));
        policy.roleBinding("ns", "b", RoleRef.role("status-writer"), Subject.user("jane"));

        assertThat(rbac.allows(JANE, request("update", "apps", "ns", "deployments/status", "web"))).isTrue();
        assertThat(rbac.allows(JANE, request("update", "", "ns", "pods/status", "p"))).isTrue();
        assertThat(rbac.allows(JANE, request("update", "", "ns", "pods", "p"))).isFalse();
        assertThat(rbac.allows(JANE, request("update", "", "ns", "pods/scale", "p"))).isFalse();
        assertThat(rbac.allows(JANE, request("get", "", "ns", "configmaps", "settings"))).isTrue();
        assertThat(rbac.allows(JANE, request("get", "", "ns", "configmaps", "other"))).isFalse();
        assertThat(rbac.allows(JANE, request("list", "", "ns", "configmaps", ""))).as("a list names nothing").isFalse();
        assertThat(rbac.allows(JANE, request("deletecollection", "apps", "ns", "replicasets", ""))).isTrue();
        assertThat(rbac.allows(JANE, request("get", "", "ns", "replicasets", "r"))).as("other group").isFalse();
    }

    @Test
    void aRoleBindingToARoleReadsTheRoleOfItsOwnNamespace() {
        policy.role("a", "reader", PolicyRule.resources(List.of("get"), List.of(""), List.of("pods")));
        policy.roleBinding("b", "b", RoleRef.role("reader"), Subject.user("jane"));

        assertThat(rbac.allows(JANE, request("get", "", "b", "pods", "p"))).as("no Role reader in b").isFalse();
        assertThat(rbac.allows(JANE, request("get", "", "a", "pods", "p"))).isFalse();
    }

    @Test
    void serviceAccountSubjectsMatchTheirUserName() {
        policy.roleBinding("ns", "sa", RoleRef.clusterRole("view"),
            new Subject(Subject.SERVICE_ACCOUNT, "", "builder", null, null));
        UserInfo sa = UserInfo.authenticated("system:serviceaccount:ns:builder", "", List.of());
        UserInfo other = UserInfo.authenticated("system:serviceaccount:other:builder", "", List.of());

        assertThat(rbac.allows(sa, request("list", "", "ns", "pods", ""))).isTrue();
        assertThat(rbac.allows(other, request("list", "", "ns", "pods", ""))).isFalse();
    }

    @Test
    void bindingsToMissingRolesGrantNothingAndRulesAreListedPerNamespace() {
        policy.roleBinding("ns", "ghost", RoleRef.clusterRole("does-not-exist"), Subject.user("jane"));
        policy.clusterRoleBinding("system:basic-user", Subject.group(UserInfo.AUTHENTICATED));
        policy.roleBinding("ns", "view", RoleRef.clusterRole("view"), Subject.user("jane"));

        List<PolicyRule> inNs = rbac.rulesFor(JANE, "ns");
        List<PolicyRule> elsewhere = rbac.rulesFor(JANE, "other");
        assertThat(elsewhere).hasSize(2); // basic-user's two rules
        assertThat(inNs).hasSize(2 + BootstrapPolicy.clusterRoles().stream()
            .filter(r -> r.metadata().name().equals("view")).findFirst().orElseThrow().rules().size());
    }

    @Test
    void componentRolesAllowWhatTheComponentsDoAndNoMore() {
        for (var binding : BootstrapPolicy.clusterRoleBindings()) {
            policy.clusterRoleBindings.add(binding);
        }
        UserInfo scheduler = UserInfo.authenticated(BootstrapPolicy.SCHEDULER_USER, "", List.of());
        assertThat(rbac.allows(scheduler, request("create", "", "default", "pods/binding", "p"))).isTrue();
        assertThat(rbac.allows(scheduler, request("watch", "", "", "nodes", ""))).isTrue();
        assertThat(rbac.allows(scheduler, request("update", "coordination.k8s.io", "kube-system", "leases",
            "kube-scheduler"))).isTrue();
        assertThat(rbac.allows(scheduler, request("update", "coordination.k8s.io", "kube-system", "leases",
            "kube-controller-manager"))).isFalse();
        assertThat(rbac.allows(scheduler, request("create", "", "default", "pods", ""))).isFalse();
        assertThat(rbac.allows(scheduler, request("delete", "apps", "default", "deployments", "web"))).isFalse();

        UserInfo controllers = UserInfo.authenticated(BootstrapPolicy.CONTROLLER_MANAGER_USER, "", List.of());
        assertThat(rbac.allows(controllers, request("create", "apps", "default", "replicasets", ""))).isTrue();
        assertThat(rbac.allows(controllers, request("create", "", "default", "pods", ""))).isTrue();
        assertThat(rbac.allows(controllers, request("update", "", "", "namespaces/finalize", "ns"))).isTrue();
        assertThat(rbac.allows(controllers, request("create", "apps", "default", "deployments", ""))).isFalse();
        assertThat(rbac.allows(controllers, request("create", "rbac.authorization.k8s.io", "",
            "clusterrolebindings", ""))).isFalse();

        UserInfo proxy = UserInfo.authenticated(BootstrapPolicy.PROXY_USER, "", List.of());
        assertThat(rbac.allows(proxy, request("watch", "", "", "endpoints", ""))).isTrue();
        assertThat(rbac.allows(proxy, request("list", "", "", "pods", ""))).isFalse();

        UserInfo node = UserInfo.authenticated("system:node:node-1", "", List.of(UserInfo.NODES));
        assertThat(rbac.rulesFor(node, "default")).as("nodes get nothing from RBAC but discovery and self-review")
            .allSatisfy(rule -> assertThat(rule.resources()).doesNotContain("pods"));
    }

    /** Roles and bindings held in lists; ClusterRoles are the bootstrap ones. */
    private static final class Policy implements PolicySource {
        final List<Role> roles = new ArrayList<>();
        final List<RoleBinding> roleBindings = new ArrayList<>();
        final List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();

        void role(String namespace, String name, PolicyRule... rules) {
            roles.add(Role.of(ObjectMeta.of(namespace, name), List.of(rules)));
        }

        void roleBinding(String namespace, String name, RoleRef ref, Subject... subjects) {
            roleBindings.add(RoleBinding.of(ObjectMeta.of(namespace, name), ref, List.of(subjects)));
        }

        void clusterRoleBinding(String role, Subject... subjects) {
            clusterRoleBindings.add(ClusterRoleBinding.of(ObjectMeta.named(role), RoleRef.clusterRole(role),
                List.of(subjects)));
        }

        @Override
        public Optional<List<PolicyRule>> clusterRoleRules(String name) {
            return BootstrapPolicy.clusterRoles().stream().filter(r -> r.metadata().name().equals(name))
                .findFirst().map(ClusterRole::rules);
        }

        @Override
        public Optional<List<PolicyRule>> roleRules(String namespace, String name) {
            return roles.stream().filter(r -> r.metadata().namespace().equals(namespace)
                && r.metadata().name().equals(name)).findFirst().map(Role::rules);
        }

        @Override
        public Collection<ClusterRoleBinding> clusterRoleBindings() {
            return clusterRoleBindings;
        }

        @Override
        public List<RoleBinding> roleBindings(String namespace) {
            return roleBindings.stream().filter(b -> b.metadata().namespace().equals(namespace)).toList();
        }
    }
}
