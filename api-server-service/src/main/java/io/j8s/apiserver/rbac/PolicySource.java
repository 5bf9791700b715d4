package io.j8s.apiserver.rbac;

import io.j8s.common.api.rbac.ClusterRoleBinding;
import io.j8s.common.api.rbac.PolicyRule;
import io.j8s.common.api.rbac.RoleBinding;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The RBAC objects the {@link RuleResolver} reads: the {@link RbacCache} in the server, a fixed set in tests. */
public interface PolicySource {

    Optional<List<PolicyRule>> clusterRoleRules(String name);

    Optional<List<PolicyRule>> roleRules(String namespace, String name);

    Collection<ClusterRoleBinding> clusterRoleBindings();

    List<RoleBinding> roleBindings(String namespace);
}
